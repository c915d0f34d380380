package io.integrationregistry.application;

import io.integrationregistry.application.documents.DeletionTarget;
import io.integrationregistry.application.documents.DocumentMetadata;
import io.integrationregistry.application.documents.OperationResult;
import io.integrationregistry.application.documents.ProviderContent;
import io.integrationregistry.application.documents.ProviderCredentials;
import io.integrationregistry.application.documents.ProviderEndpoint;
import io.integrationregistry.application.documents.ServiceInfo;
import io.integrationregistry.application.documents.UploadTarget;
import io.integrationregistry.application.port.out.ForCallingProviders;

import java.io.InputStream;
import java.util.List;

/** A provider double that answers no call: a test double overrides the calls its test makes. */
abstract class UnansweringProvider implements ForCallingProviders {

    @Override
    public ServiceInfo serviceInfo(ProviderEndpoint endpoint) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<DocumentMetadata> files(ProviderEndpoint endpoint, ProviderCredentials credentials, String parentId,
                                        Integer max, Integer offset) {
        throw new UnsupportedOperationException();
    }

    @Override
    public DocumentMetadata metadata(ProviderEndpoint endpoint, ProviderCredentials credentials, String id) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<DocumentMetadata> search(ProviderEndpoint endpoint, ProviderCredentials credentials, String query,
                                         String parentId, Integer max, Integer offset) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ProviderContent download(ProviderEndpoint endpoint, ProviderCredentials credentials, String id) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ProviderContent thumbnail(ProviderEndpoint endpoint, ProviderCredentials credentials, String id,
                                     Integer size) {
        throw new UnsupportedOperationException();
    }

    @Override
    public DocumentMetadata uploadInit(ProviderEndpoint endpoint, ProviderCredentials credentials,
                                       UploadTarget target) {
        throw new UnsupportedOperationException();
    }

    @Override
    public OperationResult upload(ProviderEndpoint endpoint, ProviderCredentials credentials, String id,
                                  InputStream body, long length, String contentType) {
        throw new UnsupportedOperationException();
    }

    @Override
    public DocumentMetadata createFolder(ProviderEndpoint endpoint, ProviderCredentials credentials,
                                         String parentId, String name) {
        throw new UnsupportedOperationException();
    }

    @Override
    public OperationResult delete(ProviderEndpoint endpoint, ProviderCredentials credentials, DeletionTarget target) {
        throw new UnsupportedOperationException();
    }

    @Override
    public OperationResult rename(ProviderEndpoint endpoint, ProviderCredentials credentials, String id,
                                  String name) {
        throw new UnsupportedOperationException();
    }
}
