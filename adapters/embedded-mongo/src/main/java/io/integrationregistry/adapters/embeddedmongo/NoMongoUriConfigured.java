package io.integrationregistry.adapters.embeddedmongo;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** True when the operator named no MongoDB: then the service runs on its embedded default. */
public final class NoMongoUriConfigured implements Condition {

    static final String MONGODB_URI = "spring.data.mongodb.uri";

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return !StringUtils.hasText(context.getEnvironment().getProperty(MONGODB_URI));
    }
}
