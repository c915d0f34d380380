package io.integrationregistry.bootstrap;

import com.mongodb.ConnectionString;
import io.integrationregistry.adapters.embeddedmongo.EmbeddedMongoServer;
import io.integrationregistry.adapters.embeddedmongo.NoMongoUriConfigured;
import org.springframework.boot.autoconfigure.mongo.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** The embedded default: used only when no MongoDB URI is configured. */
@Configuration(proxyBeanMethods = false)
@Conditional(NoMongoUriConfigured.class)
class EmbeddedMongoConfiguration {

    static final String DATABASE = "registry";

    @Bean(destroyMethod = "close")
    EmbeddedMongoServer embeddedMongoServer(RegistryProperties properties) {
        return new EmbeddedMongoServer(properties.embeddedMongo().path(), properties.embeddedMongo().port());
    }

    @Bean
    MongoConnectionDetails embeddedMongoConnectionDetails(EmbeddedMongoServer server) {
        ConnectionString connectionString = new ConnectionString(server.connectionString(DATABASE));
        return () -> connectionString;
    }
}
