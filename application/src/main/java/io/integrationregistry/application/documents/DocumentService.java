package io.integrationregistry.application.documents;

import io.integrationregistry.application.connections.port.in.ForCallingProvidersAsUsers;
import io.integrationregistry.application.documents.port.in.ForUsingDocuments;
import io.integrationregistry.application.documents.port.out.DeletionTarget;
import io.integrationregistry.application.documents.port.out.DocumentMetadata;
import io.integrationregistry.application.documents.port.out.ForCallingProviders;
import io.integrationregistry.application.documents.port.out.ForObservingProviderCalls;
import io.integrationregistry.application.documents.port.out.OperationResult;
import io.integrationregistry.application.documents.port.out.ProviderContent;
import io.integrationregistry.application.documents.port.out.ProviderFailure;
import io.integrationregistry.application.documents.port.out.ServiceInfo;
import io.integrationregistry.application.documents.port.out.UploadTarget;
import io.integrationregistry.application.shared.Caller;
import io.integrationregistry.domain.Integration;
import io.integrationregistry.domain.IntegrationId;

import java.io.InputStream;
import java.time.Clock;
import java.util.List;

/** The product's document calls, through the caller's company's active integrations. */
public final class DocumentService implements ForUsingDocuments {

    private final ForCallingProviders providers;
    private final ForCallingProvidersAsUsers access;
    private final ObservedCalls observed;

    public DocumentService(ForCallingProviders providers, ForCallingProvidersAsUsers access) {
        this(providers, access, ForObservingProviderCalls.NONE, Clock.systemUTC());
    }

    public DocumentService(
            ForCallingProviders providers,
            ForCallingProvidersAsUsers access,
            ForObservingProviderCalls observers,
            Clock clock) {
        this.providers = providers;
        this.access = access;
        this.observed = new ObservedCalls(observers, clock);
    }

    @Override
    public ServiceInfo serviceInfo(Caller caller, IntegrationId integration) {
        return access.call(
                caller, integration, observed.of(caller, integration, "serviceInfo", providers::serviceInfo));
    }

    @Override
    public DocumentMetadata metadata(Caller caller, IntegrationId integration, String id) {
        return access.call(
                caller,
                integration,
                observed.of(
                        caller,
                        integration,
                        "metadata",
                        (endpoint, credentials) -> providers.metadata(endpoint, credentials, id)));
    }

    @Override
    public List<DocumentMetadata> files(
            Caller caller, IntegrationId integration, String parentId, Integer max, Integer offset) {
        return access.call(
                caller,
                integration,
                observed.of(
                        caller,
                        integration,
                        "files",
                        (endpoint, credentials) -> providers.files(endpoint, credentials, parentId, max, offset)));
    }

    @Override
    public List<DocumentMetadata> search(
            Caller caller, IntegrationId integration, String query, String parentId, Integer max, Integer offset) {
        return access.call(
                caller,
                integration,
                observed.of(
                        caller,
                        integration,
                        "search",
                        (endpoint, credentials) ->
                                providers.search(endpoint, credentials, query, parentId, max, offset)));
    }

    @Override
    public ProviderContent download(Caller caller, IntegrationId integration, String id) {
        return access.call(
                caller,
                integration,
                observed.of(
                        caller,
                        integration,
                        "download",
                        (endpoint, credentials) -> providers.download(endpoint, credentials, id)));
    }

    @Override
    public ProviderContent thumbnail(Caller caller, IntegrationId integration, String id, Integer size) {
        return access.call(
                caller,
                integration,
                observed.of(
                        caller,
                        integration,
                        "thumbnail",
                        (endpoint, credentials) -> providers.thumbnail(endpoint, credentials, id, size)));
    }

    /**
     * The bytes can be streamed only once, so a refused token is refreshed and retried at
     * {@code uploadInit}, which carries no body; {@code upload} follows right after with the same token.
     * The answer is the document as stored, read back with {@code metadata}: {@code uploadInit} answers
     * before the bytes, with placeholders. Should that read fail, the upload still succeeded, and the
     * answer is what is known: {@code uploadInit}'s, without its placeholders.
     */
    @Override
    public DocumentMetadata upload(
            Caller caller,
            IntegrationId integration,
            UploadTarget target,
            InputStream body,
            long length,
            String contentType) {
        Integration active = access.activeIntegrationOf(caller.company(), integration);
        DocumentMetadata created = access.call(
                caller,
                active,
                observed.of(
                        caller,
                        integration,
                        "uploadInit",
                        (endpoint, credentials) -> providers.uploadInit(endpoint, credentials, target)),
                true);
        if (created.id() == null || created.id().isBlank()) {
            throw new ProviderFailure(
                    ProviderFailure.Kind.PROVIDER_ERROR,
                    0,
                    null,
                    "the provider answered uploadInit without the new file's id");
        }
        CountingInputStream counted = new CountingInputStream(body);
        OperationResult sent = access.call(
                caller,
                active,
                observed.of(
                        caller,
                        integration,
                        "upload",
                        counted::count,
                        (endpoint, credentials) ->
                                providers.upload(endpoint, credentials, created.id(), counted, length, contentType)),
                false);
        if (!sent.success()) {
            throw new ProviderFailure(
                    ProviderFailure.Kind.PROVIDER_ERROR,
                    0,
                    sent.error(),
                    "the provider did not accept the uploaded bytes");
        }
        try {
            return access.call(
                    caller,
                    active,
                    observed.of(
                            caller,
                            integration,
                            "metadata",
                            (endpoint, credentials) -> providers.metadata(endpoint, credentials, created.id())),
                    true);
        } catch (ProviderFailure notReadBack) {
            return UploadPlaceholders.dropped(created, counted.count());
        }
    }

    @Override
    public DocumentMetadata createFolder(Caller caller, IntegrationId integration, String parentId, String name) {
        return access.call(
                caller,
                integration,
                observed.of(
                        caller,
                        integration,
                        "createFolder",
                        (endpoint, credentials) -> providers.createFolder(endpoint, credentials, parentId, name)));
    }

    @Override
    public OperationResult delete(Caller caller, IntegrationId integration, DeletionTarget target) {
        return access.call(
                caller,
                integration,
                observed.of(
                        caller,
                        integration,
                        "delete",
                        (endpoint, credentials) -> providers.delete(endpoint, credentials, target)));
    }

    @Override
    public OperationResult rename(Caller caller, IntegrationId integration, String id, String name) {
        return access.call(
                caller,
                integration,
                observed.of(
                        caller,
                        integration,
                        "rename",
                        (endpoint, credentials) -> providers.rename(endpoint, credentials, id, name)));
    }
}
