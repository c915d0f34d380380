package io.integrationregistry.application.audit;

import io.integrationregistry.application.audit.port.in.AuditEntry;
import io.integrationregistry.application.audit.port.in.AuditEntryType;
import io.integrationregistry.application.audit.port.in.FieldChange;
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
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The audit rule field by field: exactly which changes each kind of event lists, in which order, with
 * which values; and that no entry ever carries a secret, its key id, its hint or its fingerprint.
 */
class AuditEntriesFieldByFieldTest {

    private static final IntegrationId ID = IntegrationId.of(UUID.fromString("6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b"));
    private static final CompanyId ACME = new CompanyId("acme");
    /** Nanoseconds on purpose: the rule keeps the event's time as it is. */
    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00.123456789Z");

    private static final String REDIRECT = "https://registry.example/oauth2/callback/" + ID.value();
    private static final SealedSecret CLIENT_SECRET = new SealedSecret("k1", "Y2lwaGVy", "wxyz");
    private static final SealedSecret NEW_CLIENT_SECRET = new SealedSecret("k1", "Y2lwaGVyLXR3bw==", "wxyz");
    private static final SealedSecret API_KEY = new SealedSecret("kms-key-9", "QVBJLUtFWS1DSVBIRVI=", "qrst");

    @Test
    void given_an_oauth2_addition_then_every_field_is_listed_from_nothing_in_order_and_the_secret_only_as_changed() {
        AuditEntries.Step step =
                AuditEntries.next(null, recorded(0, "alice", added(oauth2("client-1", CLIENT_SECRET), true)));

        AuditEntry entry = step.entry();
        assertThat(entry.type()).isEqualTo(AuditEntryType.ADDED);
        assertThat(entry.changes())
                .containsExactly(
                        FieldChange.of("name", null, "Docs"),
                        FieldChange.of("baseApiUrl", null, "https://docs.example/api/v1"),
                        FieldChange.of("requestParameters", null, "access_type=offline"),
                        FieldChange.of("status", null, "ACTIVE"),
                        FieldChange.of("authentication.type", null, "OAUTH2"),
                        FieldChange.of("authentication.authenticationUrl", null, "https://auth.example/authorize"),
                        FieldChange.of("authentication.tokenEndpointUrl", null, "https://auth.example/token"),
                        FieldChange.of("authentication.clientId", null, "client-1"),
                        FieldChange.of("authentication.redirectUri", null, REDIRECT),
                        new FieldChange("authentication.clientSecret", null, null, true));
    }

    @Test
    void given_an_inactive_api_key_addition_then_only_the_fields_of_that_type_are_listed() {
        AuditEntry entry = AuditEntries.next(
                        null, recorded(0, "alice", added(new Authentication.ApiKey(API_KEY), false)))
                .entry();

        assertThat(entry.changes())
                .containsExactly(
                        FieldChange.of("name", null, "Docs"),
                        FieldChange.of("baseApiUrl", null, "https://docs.example/api/v1"),
                        FieldChange.of("requestParameters", null, "access_type=offline"),
                        FieldChange.of("status", null, "INACTIVE"),
                        FieldChange.of("authentication.type", null, "API_KEY"),
                        FieldChange.secretChanged("authentication.apiKey"));
    }

    @Test
    void given_an_addition_without_request_parameters_then_they_are_not_listed() {
        AuditEntry entry = AuditEntries.next(
                        null,
                        recorded(
                                0,
                                "alice",
                                new IntegrationAdded(
                                        ID,
                                        ACME,
                                        T0,
                                        new IntegrationName("Docs"),
                                        new BaseApiUrl("https://docs.example/api/v1"),
                                        RequestParameters.NONE,
                                        new Authentication.ApiKey(API_KEY),
                                        true)))
                .entry();

        assertThat(entry.changes()).extracting(FieldChange::field).doesNotContain("requestParameters");
    }

    @Test
    void given_any_event_then_the_entry_carries_who_when_where_and_which_version() {
        AuditEntry entry = AuditEntries.next(
                        null,
                        new RecordedEvent(
                                "evt-1", 0, "alice", "req-9", "ui", added(oauth2("client-1", CLIENT_SECRET), true)))
                .entry();

        assertThat(entry.eventId()).isEqualTo("evt-1");
        assertThat(entry.integrationId()).isEqualTo(ID.value());
        assertThat(entry.integrationName()).isEqualTo("Docs");
        assertThat(entry.company()).isEqualTo("acme");
        assertThat(entry.actor()).isEqualTo("alice");
        assertThat(entry.at()).isEqualTo(T0);
        assertThat(entry.requestId()).isEqualTo("req-9");
        assertThat(entry.source()).isEqualTo("ui");
        assertThat(entry.version()).isZero();
    }

    @Test
    void given_an_edit_of_several_fields_then_exactly_those_are_listed_with_before_and_after() {
        AuditSubject before = addedOAuth2();

        AuditEntry entry = AuditEntries.next(
                        before,
                        recorded(
                                4,
                                "bob",
                                edited("Docs", "https://docs2.example/api", "", oauth2("client-2", CLIENT_SECRET))))
                .entry();

        assertThat(entry.type()).isEqualTo(AuditEntryType.EDITED);
        assertThat(entry.version()).isEqualTo(4);
        assertThat(entry.changes())
                .containsExactly(
                        FieldChange.of("baseApiUrl", "https://docs.example/api/v1", "https://docs2.example/api"),
                        FieldChange.of("requestParameters", "access_type=offline", null),
                        FieldChange.of("authentication.clientId", "client-1", "client-2"));
    }

    @Test
    void given_an_edit_of_the_scopes_then_they_are_listed_as_one_field_change_space_separated() {
        AuditSubject none = addedOAuth2();
        Authentication.OAuth2 withScopes = oauth2("client-1", CLIENT_SECRET, Scopes.of("openid", "files.read"));

        AuditEntries.Step set = AuditEntries.next(
                none,
                recorded(1, "bob", edited("Docs", "https://docs.example/api/v1", "access_type=offline", withScopes)));
        AuditEntries.Step reordered = AuditEntries.next(
                set.after(),
                recorded(
                        2,
                        "bob",
                        edited(
                                "Docs",
                                "https://docs.example/api/v1",
                                "access_type=offline",
                                oauth2("client-1", CLIENT_SECRET, Scopes.of("files.read", "openid")))));
        AuditEntries.Step cleared = AuditEntries.next(
                reordered.after(),
                recorded(
                        3,
                        "bob",
                        edited(
                                "Docs",
                                "https://docs.example/api/v1",
                                "access_type=offline",
                                oauth2("client-1", CLIENT_SECRET))));

        assertThat(set.entry().changes())
                .containsExactly(FieldChange.of("authentication.scopes", null, "openid files.read"));
        assertThat(reordered.entry().changes())
                .containsExactly(FieldChange.of("authentication.scopes", "openid files.read", "files.read openid"));
        assertThat(cleared.entry().changes())
                .containsExactly(FieldChange.of("authentication.scopes", "files.read openid", null));
    }

    @Test
    void given_an_edit_that_keeps_every_value_and_the_same_sealed_secret_then_nothing_is_listed() {
        AuditSubject before = addedOAuth2();

        AuditEntries.Step step = AuditEntries.next(
                before,
                recorded(
                        1,
                        "bob",
                        edited(
                                "Docs",
                                "https://docs.example/api/v1",
                                "access_type=offline",
                                oauth2("client-1", new SealedSecret("k1", "Y2lwaGVy", "wxyz")))));

        assertThat(step.entry().changes()).isEmpty();
        assertThat(step.after()).isEqualTo(before);
    }

    @Test
    void given_a_replaced_client_secret_then_only_that_it_changed_is_listed_without_any_value() {
        AuditEntry entry = AuditEntries.next(
                        addedOAuth2(),
                        recorded(
                                1,
                                "bob",
                                edited(
                                        "Docs",
                                        "https://docs.example/api/v1",
                                        "access_type=offline",
                                        oauth2("client-1", NEW_CLIENT_SECRET))))
                .entry();

        assertThat(entry.changes()).containsExactly(new FieldChange("authentication.clientSecret", null, null, true));
    }

    @Test
    void
            given_a_switch_from_oauth2_to_an_api_key_then_the_oauth2_fields_are_listed_as_gone_and_both_secrets_as_changed() {
        AuditEntry entry = AuditEntries.next(
                        addedOAuth2(),
                        recorded(
                                1,
                                "bob",
                                edited(
                                        "Docs",
                                        "https://docs.example/api/v1",
                                        "access_type=offline",
                                        new Authentication.ApiKey(API_KEY))))
                .entry();

        assertThat(entry.changes())
                .containsExactly(
                        FieldChange.of("authentication.type", "OAUTH2", "API_KEY"),
                        FieldChange.of("authentication.authenticationUrl", "https://auth.example/authorize", null),
                        FieldChange.of("authentication.tokenEndpointUrl", "https://auth.example/token", null),
                        FieldChange.of("authentication.clientId", "client-1", null),
                        FieldChange.of("authentication.redirectUri", REDIRECT, null),
                        FieldChange.secretChanged("authentication.clientSecret"),
                        FieldChange.secretChanged("authentication.apiKey"));
    }

    @Test
    void given_a_switch_from_an_api_key_to_oauth2_then_the_oauth2_fields_are_listed_as_new() {
        AuditSubject apiKey = AuditEntries.next(
                        null, recorded(0, "alice", added(new Authentication.ApiKey(API_KEY), true)))
                .after();

        AuditEntry entry = AuditEntries.next(
                        apiKey,
                        recorded(
                                1,
                                "bob",
                                edited(
                                        "Docs",
                                        "https://docs.example/api/v1",
                                        "access_type=offline",
                                        oauth2("client-1", CLIENT_SECRET))))
                .entry();

        assertThat(entry.changes())
                .containsExactly(
                        FieldChange.of("authentication.type", "API_KEY", "OAUTH2"),
                        FieldChange.of("authentication.authenticationUrl", null, "https://auth.example/authorize"),
                        FieldChange.of("authentication.tokenEndpointUrl", null, "https://auth.example/token"),
                        FieldChange.of("authentication.clientId", null, "client-1"),
                        FieldChange.of("authentication.redirectUri", null, REDIRECT),
                        FieldChange.secretChanged("authentication.clientSecret"),
                        FieldChange.secretChanged("authentication.apiKey"));
    }

    @Test
    void given_a_deactivation_and_an_activation_then_each_lists_only_the_status_and_keeps_the_name() {
        AuditEntries.Step deactivated = AuditEntries.next(
                addedOAuth2(), recorded(1, "carol", new IntegrationDeactivated(ID, ACME, T0.plusSeconds(1))));
        AuditEntries.Step activated = AuditEntries.next(
                deactivated.after(), recorded(2, "dave", new IntegrationActivated(ID, ACME, T0.plusSeconds(2))));

        assertThat(deactivated.entry().type()).isEqualTo(AuditEntryType.DEACTIVATED);
        assertThat(deactivated.entry().changes()).containsExactly(FieldChange.of("status", "ACTIVE", "INACTIVE"));
        assertThat(deactivated.entry().integrationName()).isEqualTo("Docs");
        assertThat(activated.entry().type()).isEqualTo(AuditEntryType.ACTIVATED);
        assertThat(activated.entry().changes()).containsExactly(FieldChange.of("status", "INACTIVE", "ACTIVE"));
        assertThat(activated.entry().actor()).isEqualTo("dave");
    }

    @Test
    void given_an_edit_of_an_inactive_integration_then_it_stays_inactive_and_the_status_is_not_listed() {
        AuditSubject inactive = AuditEntries.next(
                        addedOAuth2(), recorded(1, "carol", new IntegrationDeactivated(ID, ACME, T0.plusSeconds(1))))
                .after();

        AuditEntries.Step edit = AuditEntries.next(
                inactive,
                recorded(
                        2,
                        "bob",
                        edited(
                                "Docs 2",
                                "https://docs.example/api/v1",
                                "access_type=offline",
                                oauth2("client-1", CLIENT_SECRET))));

        assertThat(edit.entry().changes()).containsExactly(FieldChange.of("name", "Docs", "Docs 2"));
        assertThat(edit.after().status()).isEqualTo(inactive.status());
    }

    @Test
    void given_a_status_change_before_any_addition_then_the_rule_refuses_it() {
        assertThatThrownBy(() -> AuditEntries.next(null, recorded(0, "alice", new IntegrationActivated(ID, ACME, T0))))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void given_a_whole_life_with_secrets_then_no_entry_carries_a_ciphertext_key_id_hint_or_fingerprint() {
        List<IntegrationEvent> life = List.of(
                added(oauth2("client-1", CLIENT_SECRET), true),
                edited(
                        "Docs",
                        "https://docs.example/api/v1",
                        "access_type=offline",
                        oauth2("client-1", NEW_CLIENT_SECRET)),
                edited(
                        "Docs",
                        "https://docs.example/api/v1",
                        "access_type=offline",
                        new Authentication.ApiKey(API_KEY)),
                new IntegrationDeactivated(ID, ACME, T0.plusSeconds(3)),
                edited("Docs", "https://docs.example/api/v1", "access_type=offline", oauth2("client-1", CLIENT_SECRET)),
                new IntegrationActivated(ID, ACME, T0.plusSeconds(5)));
        List<String> forbidden = new ArrayList<>(List.of(
                CLIENT_SECRET.ciphertext(),
                NEW_CLIENT_SECRET.ciphertext(),
                API_KEY.ciphertext(),
                "k1",
                API_KEY.keyId(),
                CLIENT_SECRET.last4(),
                API_KEY.last4()));

        AuditSubject subject = null;
        List<AuditEntry> entries = new ArrayList<>();
        for (int sequence = 0; sequence < life.size(); sequence++) {
            AuditEntries.Step step = AuditEntries.next(subject, recorded(sequence, "alice", life.get(sequence)));
            subject = step.after();
            entries.add(step.entry());
            if (subject.clientSecretSeal() != null) {
                forbidden.add(subject.clientSecretSeal());
            }
            if (subject.apiKeySeal() != null) {
                forbidden.add(subject.apiKeySeal());
            }
        }

        assertThat(entries).hasSize(6);
        for (AuditEntry entry : entries) {
            for (String secretish : forbidden) {
                assertThat(entry.toString()).doesNotContain(secretish);
            }
            assertThat(entry.changes())
                    .filteredOn(FieldChange::secret)
                    .allMatch(change -> change.before() == null && change.after() == null);
        }
        assertThat(entries.get(1).changes()).containsExactly(FieldChange.secretChanged("authentication.clientSecret"));
    }

    private static AuditSubject addedOAuth2() {
        return AuditEntries.next(null, recorded(0, "alice", added(oauth2("client-1", CLIENT_SECRET), true)))
                .after();
    }

    private static RecordedEvent recorded(long sequence, String actor, IntegrationEvent event) {
        return new RecordedEvent("evt-" + sequence, sequence, actor, "req-" + sequence, "api", event);
    }

    private static Authentication.OAuth2 oauth2(String clientId, SealedSecret secret) {
        return oauth2(clientId, secret, Scopes.NONE);
    }

    private static Authentication.OAuth2 oauth2(String clientId, SealedSecret secret, Scopes scopes) {
        return new Authentication.OAuth2(
                new WebUrl("https://auth.example/authorize"),
                new WebUrl("https://auth.example/token"),
                new ClientId(clientId),
                secret,
                new RedirectUri(REDIRECT),
                scopes);
    }

    private static IntegrationAdded added(Authentication authentication, boolean active) {
        return new IntegrationAdded(
                ID,
                ACME,
                T0,
                new IntegrationName("Docs"),
                new BaseApiUrl("https://docs.example/api/v1"),
                new RequestParameters("access_type=offline"),
                authentication,
                active);
    }

    private static IntegrationEdited edited(
            String name, String baseApiUrl, String requestParameters, Authentication authentication) {
        return new IntegrationEdited(
                ID,
                ACME,
                T0.plusSeconds(1),
                new IntegrationName(name),
                new BaseApiUrl(baseApiUrl),
                new RequestParameters(requestParameters),
                authentication);
    }
}
