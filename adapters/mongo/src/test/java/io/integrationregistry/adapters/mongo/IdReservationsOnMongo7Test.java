package io.integrationregistry.adapters.mongo;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The reserved integration ids' contract on a real MongoDB 7; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class IdReservationsOnMongo7Test extends IdReservationsContract {

    @Override
    MongoTemplate template() {
        return TestServers.mongo7();
    }

    /** Only a real MongoDB purges by TTL; the embedded server accepts the index and ignores its expiry. */
    @Test
    void theExpiryIndexPurgesReservationsOnceTheyExpire() {
        List<Document> indexes = new ArrayList<>();
        template().getCollection(MongoIdReservations.COLLECTION).listIndexes().into(indexes);

        Document ttl = indexes.stream()
                .filter(index -> "expires_at_ttl".equals(index.getString("name")))
                .findFirst()
                .orElseThrow();
        assertThat(((Number) ttl.get("expireAfterSeconds")).longValue()).isZero();
    }
}
