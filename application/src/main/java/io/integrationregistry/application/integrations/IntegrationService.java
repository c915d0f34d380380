package io.integrationregistry.application.integrations;

import io.integrationregistry.application.connections.port.out.ForKeepingConnections;
import io.integrationregistry.application.integrations.port.in.ExpectedVersion;
import io.integrationregistry.application.integrations.port.in.ForManagingIntegrations;
import io.integrationregistry.application.integrations.port.in.ForReadingIntegrations;
import io.integrationregistry.application.integrations.port.in.IdempotencyKey;
import io.integrationregistry.application.integrations.port.in.IntegrationDraft;
import io.integrationregistry.application.integrations.port.in.IntegrationPage;
import io.integrationregistry.application.integrations.port.in.IntegrationQuery;
import io.integrationregistry.application.integrations.port.in.IntegrationView;
import io.integrationregistry.application.integrations.port.in.IntegrationViews;
import io.integrationregistry.application.integrations.port.in.PartialDraft;
import io.integrationregistry.application.integrations.port.in.Receipt;
import io.integrationregistry.application.integrations.port.in.ReservedId;
import io.integrationregistry.application.integrations.port.out.CommandOutcome;
import io.integrationregistry.application.integrations.port.out.ConcurrentModification;
import io.integrationregistry.application.integrations.port.out.ForGeneratingIdentifiers;
import io.integrationregistry.application.integrations.port.out.ForListingIntegrations;
import io.integrationregistry.application.integrations.port.out.ForRememberingIdempotencyKeys;
import io.integrationregistry.application.integrations.port.out.ForReservingNames;
import io.integrationregistry.application.integrations.port.out.ForStoringIntegrations;
import io.integrationregistry.application.integrations.port.out.RecordedEvent;
import io.integrationregistry.application.integrations.port.out.StoredIntegration;
import io.integrationregistry.application.shared.Caller;
import io.integrationregistry.application.shared.ForSealingSecrets;
import io.integrationregistry.domain.AuthenticationSpec;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.Integration;
import io.integrationregistry.domain.IntegrationCommand.ActivateIntegration;
import io.integrationregistry.domain.IntegrationCommand.AddIntegration;
import io.integrationregistry.domain.IntegrationCommand.DeactivateIntegration;
import io.integrationregistry.domain.IntegrationCommand.EditIntegration;
import io.integrationregistry.domain.IntegrationDecider;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationName;
import io.integrationregistry.domain.IntegrationRuleViolation;
import io.integrationregistry.domain.IntegrationRuleViolation.Rule;
import io.integrationregistry.domain.IntegrationState;
import io.integrationregistry.domain.InvalidValue;
import io.integrationregistry.domain.SealedSecret;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The integrations' use cases: adding, editing, activating, deactivating and reading them. It does what
 * one aggregate cannot: keeps names unique within a company, seals secrets before they reach a command,
 * applies the {@link TransportPolicy} it is given, and hands each command to the event-sourced store,
 * answering once its {@link ReadYourWrites} wait shows the command's effect.
 */
public final class IntegrationService implements ForManagingIntegrations, ForReadingIntegrations {

    private final ForStoringIntegrations store;
    private final ForListingIntegrations list;
    private final DraftSecrets secrets;
    private final ForGeneratingIdentifiers identifiers;
    private final NameRegister names;
    private final IdempotentCreations idempotentCreations;
    private final Clock clock;
    private final TransportPolicy transport;
    private final ReadYourWrites readYourWrites;
    private final ForKeepingConnections connections;
    private final IdReservations idReservations;

    public IntegrationService(
            ForStoringIntegrations store,
            ForListingIntegrations list,
            ForSealingSecrets secrets,
            ForGeneratingIdentifiers identifiers,
            ForReservingNames reservations,
            ForRememberingIdempotencyKeys idempotencyKeys,
            Clock clock,
            RegistrySettings settings,
            TransportPolicy transport,
            ReadYourWrites readYourWrites,
            ForKeepingConnections connections,
            IdReservations idReservations) {
        this.idReservations = idReservations;
        this.transport = transport;
        this.readYourWrites = readYourWrites;
        this.connections = connections;
        this.store = store;
        this.list = list;
        this.secrets = new DraftSecrets(secrets);
        this.identifiers = identifiers;
        this.clock = clock;
        this.names = new NameRegister(reservations, store, clock, settings.nameReservationGrace());
        this.idempotentCreations = new IdempotentCreations(
                idempotencyKeys, clock, settings.idempotencyRetention(), settings.nameReservationGrace());
    }

    @Override
    public Receipt add(Caller caller, IntegrationDraft draft, boolean active, Optional<IdempotencyKey> idempotencyKey) {
        return create(
                caller, identifiers::newIntegrationId, id -> addAs(id, caller, draft, active), draft, idempotencyKey);
    }

    @Override
    public Receipt addReserved(
            Caller caller,
            IntegrationId reserved,
            IntegrationDraft draft,
            boolean active,
            Optional<IdempotencyKey> idempotencyKey) {
        return create(
                caller,
                () -> reserved,
                id -> idReservations.createdWith(caller.company(), id, () -> addAs(id, caller, draft, active)),
                draft,
                idempotencyKey);
    }

    @Override
    public ReservedId reserveId(Caller caller) {
        return idReservations.reserve(caller.company());
    }

    @Override
    public List<InvalidValue> reservationViolations(Caller caller, IntegrationId reserved) {
        return idReservations.violations(caller.company(), reserved);
    }

    private Receipt create(
            Caller caller,
            Supplier<IntegrationId> newId,
            Function<IntegrationId, Receipt> creation,
            IntegrationDraft draft,
            Optional<IdempotencyKey> idempotencyKey) {
        requireAcceptableNow(draft);
        if (idempotencyKey.isPresent()) {
            return idempotentCreations.create(caller.company(), idempotencyKey.get(), newId, creation, this::asCreated);
        }
        return creation.apply(newId.get());
    }

    private Receipt addAs(IntegrationId id, Caller caller, IntegrationDraft draft, boolean active) {
        names.reserve(caller.company(), draft.name(), id);
        AuthenticationSpec<SealedSecret> authentication;
        try {
            authentication = secrets.sealed(id, draft);
        } catch (RuntimeException notSealed) {
            // Nothing reached the store.
            names.release(caller.company(), draft.name(), id);
            throw notSealed;
        }
        CommandOutcome outcome;
        try {
            outcome = store.execute(
                    new AddIntegration(
                            id,
                            caller.company(),
                            caller.actor(),
                            clock.instant(),
                            draft.name(),
                            draft.baseApiUrl(),
                            draft.requestParameters(),
                            authentication,
                            active,
                            identifiers.redirectUriFor(id)),
                    ExpectedVersion.ANY.value(),
                    caller.origin());
        } catch (ConcurrentModification alreadyStored) {
            // An integration with this id is stored (a retry under an idempotency key met its first attempt):
            // the reservation is that integration's.
            throw alreadyStored;
        } catch (RuntimeException failure) {
            if (Refusals.isDefinite(failure)) {
                names.release(caller.company(), draft.name(), id);
                throw failure;
            }
            // The creation may be stored with only its reply lost: the name stays reserved (a takeover frees
            // it once the grace is over, should nothing be stored) and the store is asked what it holds.
            outcome = storedAfterAll(id, failure);
        }
        // Stored: from here on the name stays reserved, whatever happens to the answer.
        return receipt(caller, id, outcome);
    }

    /** The creation's outcome when the store holds it after a failure of unknown outcome; else that failure. */
    private CommandOutcome storedAfterAll(IntegrationId id, RuntimeException failure) {
        OptionalLong version;
        try {
            version = store.currentVersion(id);
        } catch (RuntimeException unreadable) {
            failure.addSuppressed(unreadable);
            throw failure;
        }
        if (version.isEmpty()) {
            throw failure;
        }
        return new CommandOutcome(version.getAsLong(), true);
    }

    /** The integration as its creation left it (its first event), if it was stored. */
    private Optional<Receipt> asCreated(IntegrationId id) {
        List<RecordedEvent> history = store.history(id);
        if (history.isEmpty()) {
            return Optional.empty();
        }
        RecordedEvent creation = history.get(0);
        IntegrationState state = IntegrationDecider.evolve(IntegrationDecider.initialState(), creation.event());
        if (!(state instanceof Integration created)) {
            return Optional.empty();
        }
        return Optional.of(new Receipt(
                id,
                creation.sequence(),
                false,
                IntegrationViews.of(new StoredIntegration(created, creation.sequence()), creation.actor())));
    }

    @Override
    public Receipt edit(Caller caller, IntegrationId id, IntegrationDraft draft, ExpectedVersion expected) {
        requireAcceptableNow(draft);
        StoredIntegration stored = loadOfCompany(caller.company(), id);
        Integration current = stored.integration();
        boolean renamed = !current.name().uniquenessKey().equals(draft.name().uniquenessKey());
        if (renamed) {
            names.reserve(caller.company(), draft.name(), id);
        }
        CommandOutcome outcome;
        try {
            AuthenticationSpec<SealedSecret> authentication = secrets.sealedFor(id, current.authentication(), draft);
            outcome = store.execute(
                    new EditIntegration(
                            id,
                            caller.company(),
                            caller.actor(),
                            clock.instant(),
                            draft.name(),
                            draft.baseApiUrl(),
                            draft.requestParameters(),
                            authentication,
                            identifiers.redirectUriFor(id)),
                    expected.value(),
                    caller.origin());
        } catch (RuntimeException failure) {
            if (renamed && Refusals.isDefinite(failure)) {
                names.releaseUnlessBorne(caller.company(), draft.name(), id);
            }
            // Otherwise the edit may have landed with only its reply lost: the new name stays reserved for
            // this integration (and the old one too; a takeover frees whichever it no longer bears).
            throw failure;
        }
        if (renamed && outcome.changed()) {
            names.release(caller.company(), current.name(), id);
        }
        if (outcome.changed()
                && !current.baseApiUrl().origin().equals(draft.baseApiUrl().origin())) {
            // The users' tokens were obtained for the provider at the old origin: they are void, and go.
            // Should this not happen (a crash in between), they are still refused by their fingerprint.
            connections.deleteAllOf(id);
        }
        return receipt(caller, id, outcome);
    }

    @Override
    public List<InvalidValue> violations(
            Caller caller, Optional<IntegrationId> edited, ExpectedVersion expected, PartialDraft draft) {
        Optional<StoredIntegration> stored =
                edited.filter(id -> DraftViolations.needsStored(draft)).map(id -> loadOfCompany(caller.company(), id));
        boolean stale = stored.isPresent()
                && expected.value().isPresent()
                && expected.value().getAsLong() != stored.get().version();
        return DraftViolations.of(draft, stored.map(StoredIntegration::integration), !stale, transport);
    }

    @Override
    public Receipt activate(Caller caller, IntegrationId id, ExpectedVersion expected) {
        return receipt(
                caller,
                id,
                store.execute(
                        new ActivateIntegration(id, caller.company(), caller.actor(), clock.instant()),
                        expected.value(),
                        caller.origin()));
    }

    @Override
    public Receipt deactivate(Caller caller, IntegrationId id, ExpectedVersion expected) {
        return receipt(
                caller,
                id,
                store.execute(
                        new DeactivateIntegration(id, caller.company(), caller.actor(), clock.instant()),
                        expected.value(),
                        caller.origin()));
    }

    @Override
    public IntegrationPage list(CompanyId company, IntegrationQuery query) {
        return list.page(company, query);
    }

    @Override
    public Optional<IntegrationView> find(CompanyId company, IntegrationId id) {
        return list.find(company, id);
    }

    /**
     * The receipt of an accepted command, given only once the read model shows the command's effect,
     * so that the caller's next read does too (see {@link ReadYourWrites}).
     */
    private Receipt receipt(Caller caller, IntegrationId id, CommandOutcome outcome) {
        return new Receipt(id, outcome.version(), outcome.changed(), readYourWrites.shown(caller, id, outcome));
    }

    private StoredIntegration loadOfCompany(CompanyId company, IntegrationId id) {
        return store.load(id)
                .filter(stored -> stored.integration().companyId().equals(company))
                .orElseThrow(() -> new IntegrationRuleViolation(Rule.INTEGRATION_MUST_EXIST, id.value()));
    }

    /**
     * The gates for values given now, which stored ones predate: a name that does not turn the reading
     * direction, and the transport policy.
     */
    private void requireAcceptableNow(IntegrationDraft draft) {
        IntegrationName.of(draft.name().value());
        transport.requireAcceptable(draft);
    }
}
