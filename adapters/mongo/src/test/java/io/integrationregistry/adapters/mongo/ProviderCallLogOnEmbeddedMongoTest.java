package io.integrationregistry.adapters.mongo;

import org.springframework.data.mongodb.core.MongoTemplate;

/** The provider-call log contract on the embedded MongoDB-wire server with its H2 file backend. */
class ProviderCallLogOnEmbeddedMongoTest extends ProviderCallLogContract {

    @Override
    MongoTemplate template() {
        return TestServers.embedded();
    }
}
