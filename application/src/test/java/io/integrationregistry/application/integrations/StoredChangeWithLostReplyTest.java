package io.integrationregistry.application.integrations;

import io.integrationregistry.application.integrations.port.in.ExpectedVersion;
import io.integrationregistry.application.integrations.port.in.IdempotencyKey;
import io.integrationregistry.application.integrations.port.in.IntegrationDraft;
import io.integrationregistry.application.integrations.port.in.Receipt;
import io.integrationregistry.application.integrations.port.out.ConcurrentModification;
import io.integrationregistry.application.shared.Caller;
import io.integrationregistry.application.shared.StorageUnavailable;
import io.integrationregistry.application.testdoubles.CannedIntegrationList;
import io.integrationregistry.application.testdoubles.InMemoryConnections;
import io.integrationregistry.application.testdoubles.InMemoryIdempotencyKeys;
import io.integrationregistry.application.testdoubles.InMemoryIntegrationStore;
import io.integrationregistry.application.testdoubles.InMemoryNameReservations;
import io.integrationregistry.application.testdoubles.IntegrationServices;
import io.integrationregistry.application.testdoubles.MutableClock;
import io.integrationregistry.application.testdoubles.RandomIdentifiers;
import io.integrationregistry.application.testdoubles.ReversibleSecretSealer;
import io.integrationregistry.domain.Actor;
import io.integrationregistry.domain.AuthenticationSpec.ApiKeySpec;
import io.integrationregistry.domain.BaseApiUrl;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationEvent.IntegrationAdded;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationName;
import io.integrationregistry.domain.PlainHttp;
import io.integrationregistry.domain.PlainSecret;
import io.integrationregistry.domain.RequestParameters;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A change the store wrote but whose reply was lost (the connection dropped after the write) is a
 * stored change: its name stays reserved, its Idempotency-Key keeps pointing at it, and a retry answers
 * it instead of creating a second integration.
 */
class StoredChangeWithLostReplyTest {

    private static final Duration GRACE = Duration.ofMinutes(5);
    private static final Caller ALICE = new Caller(new Actor("alice"), new CompanyId("acme"));
    private static final IdempotencyKey KEY = new IdempotencyKey("retry-1", "digest-of-request-a");

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T09:00:00Z"));
    private final InMemoryIntegrationStore store = new InMemoryIntegrationStore();
    private final InMemoryNameReservations reservations = new InMemoryNameReservations();
    private final InMemoryIdempotencyKeys idempotencyKeys = new InMemoryIdempotencyKeys();
    private final CannedIntegrationList list = new CannedIntegrationList();
    private final IntegrationService service = IntegrationServices.of(
            store,
            list,
            new ReversibleSecretSealer(),
            new RandomIdentifiers(),
            reservations,
            idempotencyKeys,
            clock,
            RegistrySettings.defaults().withPlainHttp(PlainHttp.REFUSED).withNameReservationGrace(GRACE),
            url -> Optional.empty(),
            new InMemoryConnections());

    @Test
    void aStoredChangeWhoseReplyIsLostIsTreatedAsNotStored_aRetryWithTheKeyAnswersTheFirstIntegration() {
        store.loseNextReplyWith(new StorageUnavailable("connection closed before the reply", null));
        store.failNextReadsWith(2, new StorageUnavailable("database gone", null));
        assertThatThrownBy(() -> service.add(ALICE, draft("Acme drive"), true, Optional.of(KEY)))
                .isInstanceOf(StorageUnavailable.class);
        IntegrationId first = store.integrationIds().iterator().next();

        Receipt retried = service.add(ALICE, draft("Acme drive"), true, Optional.of(KEY));

        assertThat(retried.integrationId()).isEqualTo(first);
        assertThat(store.integrationCount()).isEqualTo(1);
        assertThat(store.eventsOf(first)).hasSize(1).allMatch(IntegrationAdded.class::isInstance);
        assertThat(reservations.holderOf(ALICE.company(), "acme drive")).contains(first);
        assertThat(idempotencyKeys.answered(ALICE.company(), KEY.value())).isTrue();
    }

    @Test
    void aStoredChangeWhoseReplyIsLostIsTreatedAsNotStored_theStoreIsAskedAndTheCreationAnswered() {
        store.loseNextReplyWith(new StorageUnavailable("connection closed before the reply", null));

        Receipt first = service.add(ALICE, draft("Acme drive"), true, Optional.of(KEY));
        Receipt retried = service.add(ALICE, draft("Acme drive"), true, Optional.of(KEY));

        assertThat(first.changed()).isTrue();
        assertThat(retried.integrationId()).isEqualTo(first.integrationId());
        assertThat(store.integrationCount()).isEqualTo(1);
        assertThat(reservations.holderOf(ALICE.company(), "acme drive")).contains(first.integrationId());
    }

    @Test
    void aStoredChangeWhoseReplyIsLostIsTreatedAsNotStored_withoutAKeyTheNameStaysReserved() {
        store.loseNextReplyWith(new StorageUnavailable("connection closed before the reply", null));
        store.failNextReadsWith(1, new StorageUnavailable("database gone", null));
        assertThatThrownBy(() -> service.add(ALICE, draft("Acme drive"), true, Optional.empty()))
                .isInstanceOf(StorageUnavailable.class);
        IntegrationId first = store.integrationIds().iterator().next();

        assertThatThrownBy(() -> service.add(ALICE, draft("ACME Drive"), true, Optional.empty()))
                .isInstanceOf(NameAlreadyTaken.class);
        clock.advance(GRACE.plusSeconds(1));
        assertThatThrownBy(() -> service.add(ALICE, draft("acme drive"), true, Optional.empty()))
                .as("the stored integration bears the name: no takeover after the grace either")
                .isInstanceOf(NameAlreadyTaken.class);
        assertThat(store.integrationCount()).isEqualTo(1);
        assertThat(reservations.holderOf(ALICE.company(), "acme drive")).contains(first);
    }

    @Test
    void aStoredChangeWhoseReplyIsLostIsTreatedAsNotStored_aRenameKeepsItsNewName() {
        Receipt added = service.add(ALICE, draft("Acme drive"), true, Optional.empty());
        store.loseNextReplyWith(new StorageUnavailable("connection closed before the reply", null));

        assertThatThrownBy(() -> service.edit(
                        ALICE, added.integrationId(), draft("Acme archive"), ExpectedVersion.of(added.version())))
                .isInstanceOf(StorageUnavailable.class);

        assertThat(store.integration(added.integrationId()).name().value()).isEqualTo("Acme archive");
        assertThat(reservations.holderOf(ALICE.company(), "acme archive")).contains(added.integrationId());
        assertThatThrownBy(() -> service.add(ALICE, draft("ACME ARCHIVE"), true, Optional.empty()))
                .isInstanceOf(NameAlreadyTaken.class);
    }

    @Test
    void aStoredChangeWhoseReplyIsLostIsTreatedAsNotStored_aFailureAfterTheStoreKeepsTheKey() {
        list.failNextWaitWith(new StorageUnavailable("read model gone", null));
        store.failNextReadsWith(1, new StorageUnavailable("database gone", null));
        assertThatThrownBy(() -> service.add(ALICE, draft("Acme drive"), true, Optional.of(KEY)))
                .isInstanceOf(StorageUnavailable.class);
        IntegrationId first = store.integrationIds().iterator().next();

        Receipt retried = service.add(ALICE, draft("Acme drive"), true, Optional.of(KEY));

        assertThat(retried.integrationId()).isEqualTo(first);
        assertThat(store.integrationCount()).isEqualTo(1);
    }

    @Test
    void aFailureOfUnknownOutcomeWithNothingStored_aRetryWithTheKeyCreatesOnceUnderTheSameId() {
        store.failNextCommandWith(new StorageUnavailable("database gone", null));
        assertThatThrownBy(() -> service.add(ALICE, draft("Acme drive"), true, Optional.of(KEY)))
                .isInstanceOf(StorageUnavailable.class);
        IntegrationId claimed =
                idempotencyKeys.find(ALICE.company(), KEY.value()).orElseThrow().integrationId();

        Receipt retried = service.add(ALICE, draft("Acme drive"), true, Optional.of(KEY));

        assertThat(retried.changed()).isTrue();
        assertThat(retried.integrationId()).isEqualTo(claimed);
        assertThat(store.integrationCount()).isEqualTo(1);
    }

    @Test
    void aRefusedRenameKeepsTheNameWhenAConcurrentChangeGaveItToTheIntegration() {
        Receipt added = service.add(ALICE, draft("Acme drive"), true, Optional.empty());
        // The edit is stored, as by a concurrent request renaming the integration alike, and this one refused.
        store.loseNextReplyWith(new ConcurrentModification(added.integrationId().value(), "another writer", null));

        assertThatThrownBy(() -> service.edit(
                        ALICE, added.integrationId(), draft("Acme archive"), ExpectedVersion.of(added.version())))
                .isInstanceOf(ConcurrentModification.class);

        assertThat(reservations.holderOf(ALICE.company(), "acme archive")).contains(added.integrationId());
    }

    @Test
    void aDefiniteRefusalStillGivesTheNameAndTheKeyBack() {
        service.add(ALICE, draft("Acme drive"), true, Optional.empty());

        assertThatThrownBy(() -> service.add(ALICE, draft("ACME DRIVE"), true, Optional.of(KEY)))
                .isInstanceOf(NameAlreadyTaken.class);

        assertThat(idempotencyKeys.size()).isZero();
    }

    private static IntegrationDraft draft(String name) {
        return new IntegrationDraft(
                new IntegrationName(name),
                new BaseApiUrl("https://dms.acme.example/api"),
                RequestParameters.of("access_type=offline"),
                new ApiKeySpec<>(Optional.of(PlainSecret.of("authentication.apiKey", "ak_live_0123456789abcdef"))));
    }
}
