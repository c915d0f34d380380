package io.integrationregistry.application.integrations;

import io.integrationregistry.application.integrations.port.in.IdempotencyKey;
import io.integrationregistry.application.integrations.port.in.Receipt;
import io.integrationregistry.application.integrations.port.out.ConcurrentModification;
import io.integrationregistry.application.integrations.port.out.ForRememberingIdempotencyKeys;
import io.integrationregistry.application.integrations.port.out.RememberedRequest;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Creations under an idempotency key: the first request claims the key atomically and stores its
 * answer; a repeat with the same request waits for and returns that answer; a repeat with another
 * request is refused. Only a salted fingerprint of the request is kept, never the request itself,
 * which holds secrets.
 * <p>
 * A first request can die between its claim and its answer (its process killed, the database gone
 * before the answer was written). Once its claim is older than any request can take, a repeat settles
 * it: when the claimed integration was stored, the repeat answers it as it was created, and the key
 * keeps that answer; when it was not, the repeat takes the claim over and creates it, under the same
 * integration id, so that the event store refuses a second creation should the first one still land.
 */
final class IdempotentCreations {

    private static final int ATTEMPTS = 3;
    private static final Duration WAIT_FOR_FIRST = Duration.ofSeconds(10);
    private static final long POLL_NANOS = Duration.ofMillis(20).toNanos();

    private final ForRememberingIdempotencyKeys keys;
    private final Clock clock;
    private final Duration retention;
    private final Duration inFlightGrace;
    private final SecureRandom random = new SecureRandom();

    IdempotentCreations(ForRememberingIdempotencyKeys keys, Clock clock, Duration retention, Duration inFlightGrace) {
        this.keys = keys;
        this.clock = clock;
        this.retention = retention;
        this.inFlightGrace = inFlightGrace;
    }

    /**
     * @param creation  creates the integration under the given id
     * @param asCreated the integration of the given id as its creation answered it, if it was stored
     */
    Receipt create(
            CompanyId company,
            IdempotencyKey key,
            Supplier<IntegrationId> newId,
            Function<IntegrationId, Receipt> creation,
            Function<IntegrationId, Optional<Receipt>> asCreated) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            RememberedRequest fresh = remember(newId.get(), key);
            Optional<RememberedRequest> existing = keys.claim(company, key.value(), fresh);
            if (existing.isEmpty()) {
                return firstTime(company, key, fresh, creation, asCreated);
            }
            RememberedRequest found = existing.get();
            if (expired(found)) {
                if (keys.replace(company, key.value(), found, fresh)) {
                    return firstTime(company, key, fresh, creation, asCreated);
                }
                continue;
            }
            if (!fingerprint(found.salt(), key).equals(found.fingerprint())) {
                throw new IdempotencyKeyReused();
            }
            Optional<RememberedRequest> answered = awaitAnswer(company, key);
            if (answered.isEmpty()) {
                continue;
            }
            RememberedRequest current = answered.get();
            if (current.answered()) {
                return repeat(current);
            }
            // Unanswered for longer than any request takes: its request died half-way.
            Optional<Receipt> stored = asCreated.apply(current.integrationId());
            if (stored.isPresent()) {
                keys.answer(company, key.value(), current, answeredWith(current, stored.get()));
                return stored.get();
            }
            RememberedRequest takeover = remember(current.integrationId(), key);
            if (keys.replace(company, key.value(), current, takeover)) {
                return firstTime(company, key, takeover, creation, asCreated);
            }
        }
        throw new IdempotencyStillInFlight();
    }

    private Receipt firstTime(
            CompanyId company,
            IdempotencyKey key,
            RememberedRequest claimed,
            Function<IntegrationId, Receipt> creation,
            Function<IntegrationId, Optional<Receipt>> asCreated) {
        Receipt receipt;
        try {
            receipt = creation.apply(claimed.integrationId());
        } catch (ConcurrentModification alreadyCreated) {
            // A request that had claimed the key before this one took it over stored the creation after all.
            receipt = asCreated.apply(claimed.integrationId()).orElseThrow(() -> alreadyCreated);
        } catch (RuntimeException failure) {
            if (Refusals.isDefinite(failure)) {
                keys.forget(company, key.value(), claimed);
                throw failure;
            }
            receipt = settle(company, key, claimed, asCreated, failure);
        }
        keys.answer(company, key.value(), claimed, answeredWith(claimed, receipt));
        return receipt;
    }

    /**
     * After a failure of unknown outcome the key is kept, never forgotten: the integration may be stored
     * with only its reply lost. When the store shows it, it is the answer. Otherwise (the store shows
     * nothing, or cannot be read) the claim is handed over: its first-seen time is moved back past the
     * grace, so that a retry takes it over at once, reads the store itself, and creates, if need be, under
     * the same integration id, which the store refuses to create twice should the first attempt still land.
     * A repeat sent while the first request is still in flight never answers from the store: it waits for
     * the first answer, so that racing repeats all get the very same one.
     */
    private Receipt settle(
            CompanyId company,
            IdempotencyKey key,
            RememberedRequest claimed,
            Function<IntegrationId, Optional<Receipt>> asCreated,
            RuntimeException failure) {
        Optional<Receipt> stored = Optional.empty();
        try {
            stored = asCreated.apply(claimed.integrationId());
        } catch (RuntimeException unreadable) {
            failure.addSuppressed(unreadable);
        }
        if (stored.isPresent()) {
            Receipt created = stored.get();
            return new Receipt(created.integrationId(), created.version(), true, created.integration());
        }
        RememberedRequest handedOver = new RememberedRequest(
                claimed.integrationId(),
                claimed.salt(),
                claimed.fingerprint(),
                claimed.firstSeen().minus(inFlightGrace).minusMillis(1),
                null);
        try {
            keys.replace(company, key.value(), claimed, handedOver);
        } catch (RuntimeException unwritable) {
            failure.addSuppressed(unwritable);
        }
        throw failure;
    }

    private static RememberedRequest answeredWith(RememberedRequest claimed, Receipt receipt) {
        return new RememberedRequest(
                claimed.integrationId(),
                claimed.salt(),
                claimed.fingerprint(),
                claimed.firstSeen(),
                receipt.integration());
    }

    /**
     * Waits for the first request's answer: empty when it failed (and was forgotten); unanswered when
     * its claim is older than any request takes; 409 (still in flight) when it takes too long otherwise.
     */
    private Optional<RememberedRequest> awaitAnswer(CompanyId company, IdempotencyKey key) {
        long deadline = System.nanoTime() + WAIT_FOR_FIRST.toNanos();
        while (true) {
            Optional<RememberedRequest> current = keys.find(company, key.value());
            if (current.isEmpty() || current.get().answered() || abandoned(current.get())) {
                return current;
            }
            if (System.nanoTime() > deadline) {
                throw new IdempotencyStillInFlight();
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    private boolean abandoned(RememberedRequest request) {
        return request.firstSeen().plus(inFlightGrace).isBefore(clock.instant());
    }

    private static Receipt repeat(RememberedRequest answered) {
        return new Receipt(answered.integrationId(), answered.answer().version(), false, answered.answer());
    }

    private boolean expired(RememberedRequest request) {
        return request.firstSeen().plus(retention).isBefore(clock.instant());
    }

    private RememberedRequest remember(IntegrationId id, IdempotencyKey key) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        String saltHex = HexFormat.of().formatHex(salt);
        return new RememberedRequest(id, saltHex, fingerprint(saltHex, key), clock.instant(), null);
    }

    private static String fingerprint(String salt, IdempotencyKey key) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(salt.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest(key.requestDigest().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException unavailable) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", unavailable);
        }
    }
}
