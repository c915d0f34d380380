package io.integrationregistry.application.documents.port.in;

import io.integrationregistry.application.documents.port.out.DeletionTarget;
import io.integrationregistry.application.documents.port.out.DocumentMetadata;
import io.integrationregistry.application.documents.port.out.OperationResult;
import io.integrationregistry.application.documents.port.out.ProviderContent;
import io.integrationregistry.application.documents.port.out.ServiceInfo;
import io.integrationregistry.application.documents.port.out.UploadTarget;
import io.integrationregistry.application.shared.Caller;
import io.integrationregistry.domain.IntegrationId;

import java.io.InputStream;
import java.util.List;

/**
 * The product's document features, through one of the caller's company's active integrations: each
 * call goes to the integration's provider with the integration's credentials.
 */
public interface ForUsingDocuments {

    ServiceInfo serviceInfo(Caller caller, IntegrationId integration);

    DocumentMetadata metadata(Caller caller, IntegrationId integration, String id);

    List<DocumentMetadata> files(
            Caller caller, IntegrationId integration, String parentId, Integer max, Integer offset);

    List<DocumentMetadata> search(
            Caller caller, IntegrationId integration, String query, String parentId, Integer max, Integer offset);

    /** Still streaming from the provider: the caller closes it. */
    ProviderContent download(Caller caller, IntegrationId integration, String id);

    /** Still streaming from the provider: the caller closes it. */
    ProviderContent thumbnail(Caller caller, IntegrationId integration, String id, Integer size);

    /**
     * {@code uploadInit} then {@code upload}: creates the file at the provider and sends its bytes,
     * streamed from {@code body}. Answers the new file's metadata once the provider took the bytes.
     */
    DocumentMetadata upload(
            Caller caller,
            IntegrationId integration,
            UploadTarget target,
            InputStream body,
            long length,
            String contentType);

    DocumentMetadata createFolder(Caller caller, IntegrationId integration, String parentId, String name);

    OperationResult delete(Caller caller, IntegrationId integration, DeletionTarget target);

    OperationResult rename(Caller caller, IntegrationId integration, String id, String name);
}
