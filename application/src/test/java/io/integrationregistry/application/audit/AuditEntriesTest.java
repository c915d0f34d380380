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
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationName;
import io.integrationregistry.domain.RedirectUri;
import io.integrationregistry.domain.RequestParameters;
import io.integrationregistry.domain.Scopes;
import io.integrationregistry.domain.SealedSecret;
import io.integrationregistry.domain.WebUrl;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** How an event and the state before it become an audit entry. */
class AuditEntriesTest {

    private static final IntegrationId ID = IntegrationId.of(UUID.randomUUID());
    private static final CompanyId ACME = new CompanyId("acme");
    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    private static final SealedSecret SECRET = new SealedSecret("k1", "Y2lwaGVydGV4dC1vbmU=", "wxyz");
    private static final SealedSecret ROTATED = new SealedSecret("k1", "Y2lwaGVydGV4dC10d28=", "abcd");

    @Test
    void an_addition_lists_every_field_set_with_nothing_before_and_the_secret_only_as_changed() {
        AuditEntries.Step step = AuditEntries.next(null, recorded(0, added(SECRET)));

        assertThat(step.entry().type()).isEqualTo(AuditEntryType.ADDED);
        assertThat(step.entry().changes())
                .contains(
                        FieldChange.of("name", null, "Docs"),
                        FieldChange.of("baseApiUrl", null, "https://docs.example/api"),
                        FieldChange.of("status", null, "ACTIVE"),
                        FieldChange.of("authentication.type", null, "OAUTH2"),
                        FieldChange.of("authentication.clientId", null, "client-1"),
                        FieldChange.secretChanged("authentication.clientSecret"));
        assertThat(step.entry().changes()).allMatch(change -> change.before() == null);
        assertThat(step.entry().actor()).isEqualTo("alice");
        assertThat(step.entry().requestId()).isEqualTo("req-1");
    }

    @Test
    void an_edit_lists_exactly_the_changed_fields_with_before_and_after() {
        AuditSubject before =
                AuditEntries.next(null, recorded(0, added(SECRET))).after();

        AuditEntry entry = AuditEntries.next(before, recorded(1, edited("Docs 2", oauth2(SECRET))))
                .entry();

        assertThat(entry.type()).isEqualTo(AuditEntryType.EDITED);
        assertThat(entry.changes()).containsExactly(FieldChange.of("name", "Docs", "Docs 2"));
        assertThat(entry.integrationName()).isEqualTo("Docs 2");
    }

    @Test
    void a_replaced_secret_is_only_said_to_have_changed() {
        AuditSubject before =
                AuditEntries.next(null, recorded(0, added(SECRET))).after();

        AuditEntry entry = AuditEntries.next(before, recorded(1, edited("Docs", oauth2(ROTATED))))
                .entry();

        assertThat(entry.changes()).containsExactly(FieldChange.secretChanged("authentication.clientSecret"));
        assertThat(entry.toString())
                .doesNotContain(ROTATED.ciphertext())
                .doesNotContain(SECRET.ciphertext())
                .doesNotContain("k1");
    }

    @Test
    void switching_to_an_api_key_lists_the_oauth2_fields_as_gone_and_the_key_as_changed() {
        AuditSubject before =
                AuditEntries.next(null, recorded(0, added(SECRET))).after();

        AuditEntry entry = AuditEntries.next(before, recorded(1, edited("Docs", new Authentication.ApiKey(ROTATED))))
                .entry();

        assertThat(entry.changes())
                .contains(
                        FieldChange.of("authentication.type", "OAUTH2", "API_KEY"),
                        FieldChange.of("authentication.clientId", "client-1", null),
                        FieldChange.secretChanged("authentication.clientSecret"),
                        FieldChange.secretChanged("authentication.apiKey"));
    }

    @Test
    void activations_and_deactivations_list_only_the_status() {
        AuditSubject added = AuditEntries.next(null, recorded(0, added(SECRET))).after();

        AuditEntries.Step deactivated = AuditEntries.next(
                added, recorded(1, new IntegrationEvent.IntegrationDeactivated(ID, ACME, T0.plusSeconds(1))));
        AuditEntries.Step activated = AuditEntries.next(
                deactivated.after(),
                recorded(2, new IntegrationEvent.IntegrationActivated(ID, ACME, T0.plusSeconds(2))));

        assertThat(deactivated.entry().changes()).containsExactly(FieldChange.of("status", "ACTIVE", "INACTIVE"));
        assertThat(activated.entry().changes()).containsExactly(FieldChange.of("status", "INACTIVE", "ACTIVE"));
        assertThat(activated.entry().version()).isEqualTo(2);
    }

    private static RecordedEvent recorded(long sequence, IntegrationEvent event) {
        return new RecordedEvent("event-" + sequence, sequence, "alice", "req-" + (sequence + 1), "api", event);
    }

    private static Authentication.OAuth2 oauth2(SealedSecret secret) {
        return new Authentication.OAuth2(
                new WebUrl("https://auth.example/authorize"),
                new WebUrl("https://auth.example/token"),
                new ClientId("client-1"),
                secret,
                new RedirectUri("https://registry.example/oauth2/callback/" + ID.value()),
                Scopes.NONE);
    }

    private static IntegrationEvent added(SealedSecret secret) {
        return new IntegrationEvent.IntegrationAdded(
                ID,
                ACME,
                T0,
                new IntegrationName("Docs"),
                new BaseApiUrl("https://docs.example/api"),
                RequestParameters.NONE,
                oauth2(secret),
                true);
    }

    private static IntegrationEvent edited(String name, Authentication authentication) {
        return new IntegrationEvent.IntegrationEdited(
                ID,
                ACME,
                T0.plusSeconds(1),
                new IntegrationName(name),
                new BaseApiUrl("https://docs.example/api"),
                RequestParameters.NONE,
                authentication);
    }
}
