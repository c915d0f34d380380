package io.integrationregistry.adapters.mongo;

import io.integrationregistry.application.integrations.port.out.RecordedEvent;
import io.integrationregistry.domain.Authentication;
import io.integrationregistry.domain.BaseApiUrl;
import io.integrationregistry.domain.ClientId;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationEvent;
import io.integrationregistry.domain.IntegrationEvent.IntegrationActivated;
import io.integrationregistry.domain.IntegrationEvent.IntegrationAdded;
import io.integrationregistry.domain.IntegrationEvent.IntegrationDeactivated;
import io.integrationregistry.domain.IntegrationEvent.IntegrationEdited;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationName;
import io.integrationregistry.domain.RedirectUri;
import io.integrationregistry.domain.RequestParameters;
import io.integrationregistry.domain.Scopes;
import io.integrationregistry.domain.SealedSecret;
import io.integrationregistry.domain.WebUrl;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Recorded events for the audit trail contracts: whole lives of integrations, each event with its own
 * id, sequence, actor, request and channel. Every sealed secret's ciphertext and key id start with
 * {@link #CIPHERTEXT_MARK} and {@link #KEY_ID_MARK}, so that a test can look for them in raw documents.
 */
final class AuditLives {

    static final String CIPHERTEXT_MARK = "Q0lQSEVSVEVYVC";
    static final String KEY_ID_MARK = "kms-key-";
    static final String[] ACTORS = {"alice", "bob", "carol", "dave", "erin"};

    private AuditLives() {}

    static SealedSecret secret(int serial) {
        return new SealedSecret(KEY_ID_MARK + (serial % 3), CIPHERTEXT_MARK + serial + "==", null);
    }

    static RecordedEvent recorded(long sequence, String actor, IntegrationEvent event) {
        return new RecordedEvent(
                UUID.randomUUID().toString(),
                sequence,
                actor,
                "req-" + UUID.randomUUID(),
                sequence % 2 == 0 ? "api" : "ui",
                event);
    }

    static Authentication.OAuth2 oauth2(IntegrationId id, String clientId, SealedSecret secret) {
        return new Authentication.OAuth2(
                new WebUrl("https://auth.example/authorize"),
                new WebUrl("https://auth.example/token"),
                new ClientId(clientId),
                secret,
                new RedirectUri("https://registry.example/oauth2/callback/" + id.value()),
                Scopes.NONE);
    }

    static IntegrationAdded added(
            IntegrationId id,
            CompanyId company,
            Instant at,
            String name,
            Authentication authentication,
            boolean active) {
        return new IntegrationAdded(
                id,
                company,
                at,
                new IntegrationName(name),
                new BaseApiUrl("https://docs.example/api/v1"),
                new RequestParameters("access_type=offline"),
                authentication,
                active);
    }

    static IntegrationEdited edited(
            IntegrationId id,
            CompanyId company,
            Instant at,
            String name,
            String baseApiUrl,
            String requestParameters,
            Authentication authentication) {
        return new IntegrationEdited(
                id,
                company,
                at,
                new IntegrationName(name),
                new BaseApiUrl(baseApiUrl),
                new RequestParameters(requestParameters),
                authentication);
    }

    /**
     * The life of one integration: added, then {@code later} events that edit its fields, rotate its
     * secret, switch its authentication type, deactivate and activate it. The {@code n}-th event
     * happens at {@code clock(n)}; which events come is fixed by {@code serial}, so lives differ.
     */
    static List<RecordedEvent> life(
            IntegrationId id, CompanyId company, int serial, int later, java.util.function.IntFunction<Instant> clock) {
        List<RecordedEvent> events = new ArrayList<>();
        boolean oauth2 = serial % 2 == 0;
        boolean active = serial % 5 != 0;
        String name = "Docs " + serial;
        String baseApiUrl = "https://docs.example/api/v1";
        String parameters = "access_type=offline";
        String clientId = "client-" + serial;
        int secrets = serial * 100;
        Authentication authentication =
                oauth2 ? oauth2(id, clientId, secret(secrets)) : new Authentication.ApiKey(secret(secrets));
        events.add(recorded(
                0, ACTORS[serial % ACTORS.length], added(id, company, clock.apply(0), name, authentication, active)));
        for (int n = 1; n <= later; n++) {
            String actor = ACTORS[(serial + n) % ACTORS.length];
            Instant at = clock.apply(n);
            IntegrationEvent event;
            switch ((serial + n) % 6) {
                case 0 -> {
                    event = active
                            ? new IntegrationDeactivated(id, company, at)
                            : new IntegrationActivated(id, company, at);
                    active = !active;
                }
                case 1 -> {
                    name = "Docs " + serial + "." + n;
                    event = edited(id, company, at, name, baseApiUrl, parameters, authentication);
                }
                case 2 -> {
                    secrets++;
                    authentication =
                            oauth2 ? oauth2(id, clientId, secret(secrets)) : new Authentication.ApiKey(secret(secrets));
                    event = edited(id, company, at, name, baseApiUrl, parameters, authentication);
                }
                case 3 -> {
                    oauth2 = !oauth2;
                    secrets++;
                    authentication =
                            oauth2 ? oauth2(id, clientId, secret(secrets)) : new Authentication.ApiKey(secret(secrets));
                    event = edited(id, company, at, name, baseApiUrl, parameters, authentication);
                }
                case 4 -> {
                    baseApiUrl = "https://docs" + n + ".example/api/v" + n;
                    parameters = n % 2 == 0 ? "" : "access_type=offline&n=" + n;
                    event = edited(id, company, at, name, baseApiUrl, parameters, authentication);
                }
                default -> {
                    event = active
                            ? new IntegrationDeactivated(id, company, at)
                            : new IntegrationActivated(id, company, at);
                    active = !active;
                }
            }
            events.add(recorded(n, actor, event));
        }
        return events;
    }
}
