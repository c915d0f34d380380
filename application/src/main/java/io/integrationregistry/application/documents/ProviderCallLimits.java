package io.integrationregistry.application.documents;

import io.integrationregistry.application.documents.port.in.ForUsingDocuments;
import io.integrationregistry.application.documents.port.out.DeletionTarget;
import io.integrationregistry.application.documents.port.out.DocumentMetadata;
import io.integrationregistry.application.documents.port.out.OperationResult;
import io.integrationregistry.application.documents.port.out.ProviderContent;
import io.integrationregistry.application.documents.port.out.ServiceInfo;
import io.integrationregistry.application.documents.port.out.UploadTarget;
import io.integrationregistry.application.shared.Caller;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Bounds how many document calls may be under way at once to one integration and for one company, so
 * that a slow provider, or one company calling it without pause, holds a bounded share of the
 * service's threads and connections and the other companies are still served. A call over either
 * bound is not made: it fails at once with {@link TooManyProviderCalls}. A download holds its place
 * until its bytes are closed; an upload holds one place for both of its provider calls.
 */
public final class ProviderCallLimits implements ForUsingDocuments {

    /** When a refused caller may try again: about the time a usual provider call takes. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    private record IntegrationKey(CompanyId company, IntegrationId integration) {}

    private final ForUsingDocuments documents;
    private final int perIntegration;
    private final int perCompany;
    private final Map<IntegrationKey, Integer> byIntegration = new ConcurrentHashMap<>();
    private final Map<CompanyId, Integer> byCompany = new ConcurrentHashMap<>();

    public ProviderCallLimits(ForUsingDocuments documents, int perIntegration, int perCompany) {
        this.documents = Objects.requireNonNull(documents, "documents");
        if (perIntegration <= 0 || perCompany <= 0) {
            throw new IllegalArgumentException("the limits of concurrent provider calls must be positive");
        }
        this.perIntegration = perIntegration;
        this.perCompany = perCompany;
    }

    @Override
    public ServiceInfo serviceInfo(Caller caller, IntegrationId integration) {
        return limited(caller, integration, () -> documents.serviceInfo(caller, integration));
    }

    @Override
    public DocumentMetadata metadata(Caller caller, IntegrationId integration, String id) {
        return limited(caller, integration, () -> documents.metadata(caller, integration, id));
    }

    @Override
    public List<DocumentMetadata> files(
            Caller caller, IntegrationId integration, String parentId, Integer max, Integer offset) {
        return limited(caller, integration, () -> documents.files(caller, integration, parentId, max, offset));
    }

    @Override
    public List<DocumentMetadata> search(
            Caller caller, IntegrationId integration, String query, String parentId, Integer max, Integer offset) {
        return limited(caller, integration, () -> documents.search(caller, integration, query, parentId, max, offset));
    }

    @Override
    public ProviderContent download(Caller caller, IntegrationId integration, String id) {
        return streaming(caller, integration, () -> documents.download(caller, integration, id));
    }

    @Override
    public ProviderContent thumbnail(Caller caller, IntegrationId integration, String id, Integer size) {
        return streaming(caller, integration, () -> documents.thumbnail(caller, integration, id, size));
    }

    @Override
    public DocumentMetadata upload(
            Caller caller,
            IntegrationId integration,
            UploadTarget target,
            InputStream body,
            long length,
            String contentType) {
        return limited(
                caller, integration, () -> documents.upload(caller, integration, target, body, length, contentType));
    }

    @Override
    public DocumentMetadata createFolder(Caller caller, IntegrationId integration, String parentId, String name) {
        return limited(caller, integration, () -> documents.createFolder(caller, integration, parentId, name));
    }

    @Override
    public OperationResult delete(Caller caller, IntegrationId integration, DeletionTarget target) {
        return limited(caller, integration, () -> documents.delete(caller, integration, target));
    }

    @Override
    public OperationResult rename(Caller caller, IntegrationId integration, String id, String name) {
        return limited(caller, integration, () -> documents.rename(caller, integration, id, name));
    }

    /** How many calls are under way for this company (for tests and metrics). */
    int inFlight(CompanyId company) {
        return byCompany.getOrDefault(company, 0);
    }

    private <T> T limited(Caller caller, IntegrationId integration, Supplier<T> call) {
        Runnable release = acquire(caller.company(), integration);
        try {
            return call.get();
        } finally {
            release.run();
        }
    }

    private ProviderContent streaming(Caller caller, IntegrationId integration, Supplier<ProviderContent> call) {
        Runnable release = acquire(caller.company(), integration);
        ProviderContent content;
        try {
            content = call.get();
        } catch (RuntimeException | Error failure) {
            release.run();
            throw failure;
        }
        return new ProviderContent(content.contentType(), content.length(), new Releasing(content.body(), release));
    }

    /** Takes a place for the call, or refuses it; the answer gives the place back, once. */
    private Runnable acquire(CompanyId company, IntegrationId integration) {
        IntegrationKey key = new IntegrationKey(company, integration);
        if (!take(byIntegration, key, perIntegration)) {
            throw new TooManyProviderCalls(
                    "already " + perIntegration + " calls under way to this integration's "
                            + "provider; try again shortly",
                    RETRY_AFTER);
        }
        if (!take(byCompany, company, perCompany)) {
            give(byIntegration, key);
            throw new TooManyProviderCalls(
                    "already " + perCompany + " provider calls under way for your company; " + "try again shortly",
                    RETRY_AFTER);
        }
        AtomicBoolean given = new AtomicBoolean();
        return () -> {
            if (given.compareAndSet(false, true)) {
                give(byCompany, company);
                give(byIntegration, key);
            }
        };
    }

    private static <K> boolean take(Map<K, Integer> counts, K key, int limit) {
        AtomicBoolean taken = new AtomicBoolean();
        counts.compute(key, (k, count) -> {
            int current = count == null ? 0 : count;
            if (current >= limit) {
                return count;
            }
            taken.set(true);
            return current + 1;
        });
        return taken.get();
    }

    /** Gives a place back; a key with no call under way is forgotten, so the maps stay small. */
    private static <K> void give(Map<K, Integer> counts, K key) {
        counts.computeIfPresent(key, (k, count) -> count <= 1 ? null : count - 1);
    }

    /** The provider's bytes, giving the call's place back when closed. */
    private static final class Releasing extends FilterInputStream {

        private final Runnable release;

        Releasing(InputStream in, Runnable release) {
            super(in);
            this.release = release;
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                release.run();
            }
        }
    }
}
