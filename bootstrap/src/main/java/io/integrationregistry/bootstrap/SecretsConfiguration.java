package io.integrationregistry.bootstrap;

import com.google.crypto.tink.KeysetHandle;
import io.integrationregistry.adapters.secrets.MasterKeys;
import io.integrationregistry.adapters.secrets.TinkSecretSealer;
import io.integrationregistry.application.port.out.ForSealingSecrets;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * The master key: the configured keyset; on the embedded default without one, a keyset generated into
 * the data folder. With an external MongoDB and no keyset, the service refuses to start rather than
 * seal secrets with a key that would live on one machine only.
 */
@Configuration(proxyBeanMethods = false)
class SecretsConfiguration {

    @Bean
    ForSealingSecrets secretSealer(RegistryProperties properties, ObjectProvider<EmbeddedMongoServer> embedded) {
        return new TinkSecretSealer(masterKey(properties, embedded.getIfAvailable() != null));
    }

    private static KeysetHandle masterKey(RegistryProperties properties, boolean embeddedDefault) {
        String configured = properties.secrets().keyset();
        if (StringUtils.hasText(configured)) {
            return MasterKeys.fromConfiguredKeyset(configured);
        }
        if (embeddedDefault) {
            return MasterKeys.loadOrGenerate(properties.embeddedMongo().path());
        }
        throw new IllegalStateException("registry.secrets.keyset is required when spring.data.mongodb.uri is set:"
                + " configure the Tink JSON keyset (AES-256-GCM) that seals client secrets and API keys");
    }
}
