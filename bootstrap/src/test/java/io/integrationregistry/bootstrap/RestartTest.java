package io.integrationregistry.bootstrap;

import io.integrationregistry.adapters.embeddedmongo.EmbeddedMongoServer;
import io.integrationregistry.application.integrations.port.in.ExpectedVersion;
import io.integrationregistry.application.integrations.port.in.IntegrationView;
import io.integrationregistry.application.integrations.port.in.Receipt;
import io.integrationregistry.application.integrations.port.out.StoredIntegration;
import io.integrationregistry.domain.IntegrationStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.nio.file.Path;

import static io.integrationregistry.bootstrap.RunningRegistry.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/** The embedded default keeps everything across a restart, and the list processor resumes where it was. */
class RestartTest {

    @TempDir
    Path data;

    @Test
    void
            given_changes_stored_on_the_embedded_default_when_the_service_restarts_on_the_same_folder_then_all_is_as_before()
                    throws Exception {
        Receipt added;
        StoredIntegration before;
        IntegrationView listedBefore;
        try (RunningRegistry first =
                RunningRegistry.start("registry.embedded-mongo.path=" + data, "registry.axon.snapshot-every=2")) {
            added = first.management()
                    .add(ADMIN, RunningRegistry.oauth2Draft("Docs", "a-client-secret-0123456789"), true);
            first.management()
                    .edit(
                            ADMIN,
                            added.integrationId(),
                            RunningRegistry.apiKeyDraft("Docs archive", "an-api-key-0123456789"),
                            ExpectedVersion.of(0));
            first.management().deactivate(ADMIN, added.integrationId(), ExpectedVersion.of(1));
            listedBefore = first.awaitListed(added.integrationId(), 2);
            before = first.store().load(added.integrationId()).orElseThrow();
            assertThat(first.bean(MongoTemplate.class)
                            .getCollection("snapshotevents")
                            .countDocuments())
                    .as("a snapshot was taken after two events")
                    .isPositive();
            // The list entry is removed behind the processor's back: only a replay from zero would bring it back.
            first.bean(MongoTemplate.class)
                    .remove(
                            Query.query(Criteria.where("_id")
                                    .is(added.integrationId().value())),
                            "integration_list");
        }
        assertThat(data.resolve(EmbeddedMongoServer.DATA_FILE)).exists();

        try (RunningRegistry second =
                RunningRegistry.start("registry.embedded-mongo.path=" + data, "registry.axon.snapshot-every=2")) {
            assertThat(second.store().load(added.integrationId())).contains(before);
            assertThat(before.version()).isEqualTo(2);
            assertThat(before.integration().status()).isEqualTo(IntegrationStatus.INACTIVE);
            assertThat(listedBefore.status()).isEqualTo(IntegrationStatus.INACTIVE);
            assertThat(listedBefore.name()).isEqualTo("Docs archive");
            assertThat(listedBefore.lastChangedBy())
                    .as("the acting user travels on the events")
                    .isEqualTo(ADMIN.actor().login());

            Receipt later = second.management()
                    .add(ADMIN, RunningRegistry.apiKeyDraft("Later", "another-api-key-0123456789"), true);
            second.awaitListed(later.integrationId(), 0);

            assertThat(second.listed(added.integrationId()))
                    .as("events before the restart are not handled again")
                    .isEmpty();
        }
    }
}
