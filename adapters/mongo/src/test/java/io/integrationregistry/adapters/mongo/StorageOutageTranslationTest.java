package io.integrationregistry.adapters.mongo;

import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.integrationregistry.application.shared.StorageUnavailable;
import io.integrationregistry.domain.IntegrationId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.net.ServerSocket;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An outage of MongoDB leaves this adapter as the application's StorageUnavailable, and nothing else does. */
class StorageOutageTranslationTest {

    private MongoClient client;

    @AfterEach
    void closeTheClient() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void aCallOnAnAdapterBeanWhileTheDatabaseIsAwayThrowsStorageUnavailable() throws Exception {
        MongoIntegrationList list = (MongoIntegrationList) new StorageOutageTranslation()
                .postProcessAfterInitialization(new MongoIntegrationList(templateOfAnAbsentDatabase()), "list");

        assertThat(list).isInstanceOf(MongoIntegrationList.class);
        assertThatThrownBy(() -> list.appliedVersion(IntegrationId.of(UUID.randomUUID())))
                .isInstanceOf(StorageUnavailable.class)
                .hasRootCauseInstanceOf(MongoTimeoutException.class);
    }

    @Test
    void aFailureThatIsNoOutagePassesAsItIs() {
        DuplicateKeyException duplicate = new DuplicateKeyException("taken");
        IllegalStateException bug = new IllegalStateException("no outage");

        assertThat(StorageOutages.translated(duplicate)).isSameAs(duplicate);
        assertThat(StorageOutages.translated(bug)).isSameAs(bug);
    }

    @Test
    void onlyTheBeansOfThisAdapterThatImplementAPortAreWrapped() throws Exception {
        Object other = new Object();
        MongoPingHealthIndicator health = new MongoPingHealthIndicator(templateOfAnAbsentDatabase());

        assertThat(new StorageOutageTranslation().postProcessAfterInitialization(other, "other"))
                .isSameAs(other);
        // a health indicator reports the outage itself, as DOWN
        assertThat(new StorageOutageTranslation().postProcessAfterInitialization(health, "mongoHealthIndicator"))
                .isSameAs(health);
        assertThat(AopUtils.isAopProxy(new StorageOutageTranslation()
                        .postProcessAfterInitialization(
                                new MongoConnectionTestTrail(templateOfAnAbsentDatabase()), "trail")))
                .isTrue();
    }

    /** A client of a port nothing listens on, which gives up choosing a server after a fifth of a second. */
    private MongoTemplate templateOfAnAbsentDatabase() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        client = MongoClients.create(
                "mongodb://127.0.0.1:" + port + "/?serverSelectionTimeoutMS=200&connectTimeoutMS=200");
        return new MongoTemplate(client, "absent");
    }
}
