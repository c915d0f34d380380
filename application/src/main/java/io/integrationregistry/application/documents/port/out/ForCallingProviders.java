package io.integrationregistry.application.documents.port.out;

import java.io.InputStream;
import java.util.List;

/**
 * The Document Webhooks API of a provider. Every call goes to the endpoint's URL with the
 * integration's request parameters, carries the credentials in headers, and fails with a
 * {@link io.integrationregistry.application.documents.port.out.ProviderFailure} when it gets no usable answer.
 * Optional parameters are passed as null and then left out of the URL.
 */
public interface ForCallingProviders {

    /**
     * What the provider says about itself. Not every provider offers it, and some protect it, so it
     * carries the credentials like every other call.
     */
    ServiceInfo serviceInfo(ProviderEndpoint endpoint, ProviderCredentials credentials);

    DocumentMetadata metadata(ProviderEndpoint endpoint, ProviderCredentials credentials, String id);

    List<DocumentMetadata> files(
            ProviderEndpoint endpoint, ProviderCredentials credentials, String parentId, Integer max, Integer offset);

    List<DocumentMetadata> search(
            ProviderEndpoint endpoint,
            ProviderCredentials credentials,
            String query,
            String parentId,
            Integer max,
            Integer offset);

    /** The bytes of a file, still streaming: the caller closes the content. */
    ProviderContent download(ProviderEndpoint endpoint, ProviderCredentials credentials, String id);

    /** A thumbnail {@code size} pixels wide, still streaming: the caller closes the content. */
    ProviderContent thumbnail(ProviderEndpoint endpoint, ProviderCredentials credentials, String id, Integer size);

    DocumentMetadata uploadInit(ProviderEndpoint endpoint, ProviderCredentials credentials, UploadTarget target);

    /**
     * Sends the bytes of a file created by {@link #uploadInit}, streamed from {@code body}.
     *
     * @param length the number of bytes, or -1 when not known in advance
     */
    OperationResult upload(
            ProviderEndpoint endpoint,
            ProviderCredentials credentials,
            String id,
            InputStream body,
            long length,
            String contentType);

    DocumentMetadata createFolder(
            ProviderEndpoint endpoint, ProviderCredentials credentials, String parentId, String name);

    OperationResult delete(ProviderEndpoint endpoint, ProviderCredentials credentials, DeletionTarget target);

    OperationResult rename(ProviderEndpoint endpoint, ProviderCredentials credentials, String id, String name);
}
