package io.integrationregistry.application.integrations.port.out;

import io.integrationregistry.domain.CompanyId;

import java.util.Optional;

/** Idempotency keys of creation requests, unique per company; every operation is atomic in the store. */
public interface ForRememberingIdempotencyKeys {

    /** Remembers {@code request} under the key unless one is there; answers the one already there, if any. */
    Optional<RememberedRequest> claim(CompanyId company, String key, RememberedRequest request);

    /** Replaces exactly {@code expired} by {@code request}; answers whether it did. */
    boolean replace(CompanyId company, String key, RememberedRequest expired, RememberedRequest request);

    Optional<RememberedRequest> find(CompanyId company, String key);

    void answer(CompanyId company, String key, RememberedRequest request, RememberedRequest answered);

    /**
     * Forgets the key if it still holds {@code request}: the request was refused (nothing was stored) and
     * may be sent again. A request that failed otherwise may have stored its integration: its key stays.
     */
    void forget(CompanyId company, String key, RememberedRequest request);
}
