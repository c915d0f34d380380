package io.integrationregistry.application.testdoubles;

import io.integrationregistry.application.integrations.port.out.ForRememberingIdempotencyKeys;
import io.integrationregistry.application.integrations.port.out.RememberedRequest;
import io.integrationregistry.domain.CompanyId;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Idempotency keys in a concurrent map, with the atomicity the port promises. */
public final class InMemoryIdempotencyKeys implements ForRememberingIdempotencyKeys {

    private final ConcurrentMap<String, RememberedRequest> requests = new ConcurrentHashMap<>();
    private volatile RuntimeException nextWriteFailure;

    @Override
    public Optional<RememberedRequest> claim(CompanyId company, String key, RememberedRequest request) {
        return Optional.ofNullable(requests.putIfAbsent(id(company, key), request));
    }

    @Override
    public boolean replace(CompanyId company, String key, RememberedRequest expired, RememberedRequest request) {
        failIfAsked();
        return requests.replace(id(company, key), expired, request);
    }

    @Override
    public Optional<RememberedRequest> find(CompanyId company, String key) {
        return Optional.ofNullable(requests.get(id(company, key)));
    }

    @Override
    public void answer(CompanyId company, String key, RememberedRequest request, RememberedRequest answered) {
        failIfAsked();
        requests.replace(id(company, key), request, answered);
    }

    @Override
    public void forget(CompanyId company, String key, RememberedRequest request) {
        failIfAsked();
        requests.remove(id(company, key), request);
    }

    /** The next answer, forget or replace fails, as when the database goes away before the request ends. */
    public void failNextWriteWith(RuntimeException failure) {
        nextWriteFailure = failure;
    }

    private void failIfAsked() {
        RuntimeException failure = nextWriteFailure;
        if (failure != null) {
            nextWriteFailure = null;
            throw failure;
        }
    }

    public boolean answered(CompanyId company, String key) {
        RememberedRequest request = requests.get(id(company, key));
        return request != null && request.answered();
    }

    public int size() {
        return requests.size();
    }

    private static String id(CompanyId company, String key) {
        return company.value() + "\u0000" + key;
    }
}
