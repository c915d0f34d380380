package io.integrationregistry.adapters.mongo;

import org.bson.Document;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * MongoDB health by {@code ping}, which every server the service supports answers; the stock
 * indicator's {@code hello} is unknown to the embedded server.
 */
public final class MongoPingHealthIndicator extends AbstractHealthIndicator {

    private final MongoTemplate mongo;

    public MongoPingHealthIndicator(MongoTemplate mongo) {
        super("MongoDB health check failed");
        this.mongo = mongo;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Document answer = mongo.executeCommand(new Document("ping", 1));
        builder.status(answer.get("ok", Number.class).doubleValue() == 1.0 ? "UP" : "DOWN")
                .withDetail("database", mongo.getDb().getName());
    }
}
