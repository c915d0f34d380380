package io.integrationregistry.adapters.embeddedmongo;

import com.mongodb.ConnectionString;
import org.springframework.boot.autoconfigure.mongo.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** The embedded default: used only when no MongoDB URI is configured. */
@Configuration(proxyBeanMethods = false)
@Conditional(NoMongoUriConfigured.class)
public class EmbeddedMongoConfiguration {

    static final String DATABASE = "registry";

    @Bean(destroyMethod = "close")
    EmbeddedMongoServer embeddedMongoServer(EmbeddedMongoSettings settings) {
        return new EmbeddedMongoServer(settings.path(), settings.port());
    }

    @Bean
    MongoConnectionDetails embeddedMongoConnectionDetails(EmbeddedMongoServer server) {
        ConnectionString connectionString = new ConnectionString(server.connectionString(DATABASE));
        return () -> connectionString;
    }
}
