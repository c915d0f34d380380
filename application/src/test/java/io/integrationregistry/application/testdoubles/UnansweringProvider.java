package io.integrationregistry.application.testdoubles;

import io.integrationregistry.application.documents.port.out.DeletionTarget;
import io.integrationregistry.application.documents.port.out.DocumentMetadata;
import io.integrationregistry.application.documents.port.out.ForCallingProviders;
import io.integrationregistry.application.documents.port.out.OperationResult;
import io.integrationregistry.application.documents.port.out.ProviderContent;
import io.integrationregistry.application.documents.port.out.ProviderCredentials;
import io.integrationregistry.application.documents.port.out.ProviderEndpoint;
import io.integrationregistry.application.documents.port.out.ServiceInfo;
import io.integrationregistry.application.documents.port.out.UploadTarget;

import java.io.InputStream;
import java.util.List;

/** A provider double that answers no call: a test double overrides the calls its test makes. */
public abstract class UnansweringProvider implements ForCallingProviders {

    @Override
    public ServiceInfo serviceInfo(ProviderEndpoint endpoint, ProviderCredentials credentials) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<DocumentMetadata> files(
            ProviderEndpoint endpoint, ProviderCredentials credentials, String parentId, Integer max, Integer offset) {
        throw new UnsupportedOperationException();
    }

    @Override
    public DocumentMetadata metadata(ProviderEndpoint endpoint, ProviderCredentials credentials, String id) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<DocumentMetadata> search(
            ProviderEndpoint endpoint,
            ProviderCredentials credentials,
            String query,
            String parentId,
            Integer max,
            Integer offset) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ProviderContent download(ProviderEndpoint endpoint, ProviderCredentials credentials, String id) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ProviderContent thumbnail(
            ProviderEndpoint endpoint, ProviderCredentials credentials, String id, Integer size) {
        throw new UnsupportedOperationException();
    }

    @Override
    public DocumentMetadata uploadInit(
            ProviderEndpoint endpoint, ProviderCredentials credentials, UploadTarget target) {
        throw new UnsupportedOperationException();
    }

    @Override
    public OperationResult upload(
            ProviderEndpoint endpoint,
            ProviderCredentials credentials,
            String id,
            InputStream body,
            long length,
            String contentType) {
        throw new UnsupportedOperationException();
    }

    @Override
    public DocumentMetadata createFolder(
            ProviderEndpoint endpoint, ProviderCredentials credentials, String parentId, String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public OperationResult delete(ProviderEndpoint endpoint, ProviderCredentials credentials, DeletionTarget target) {
        throw new UnsupportedOperationException();
    }

    @Override
    public OperationResult rename(ProviderEndpoint endpoint, ProviderCredentials credentials, String id, String name) {
        throw new UnsupportedOperationException();
    }
}
