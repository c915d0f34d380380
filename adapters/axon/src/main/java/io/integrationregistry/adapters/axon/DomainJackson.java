package io.integrationregistry.adapters.axon;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.integrationregistry.domain.Authentication;
import io.integrationregistry.domain.BaseApiUrl;
import io.integrationregistry.domain.ClientId;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.Integration;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationName;
import io.integrationregistry.domain.IntegrationState;
import io.integrationregistry.domain.RedirectUri;
import io.integrationregistry.domain.RequestParameters;
import io.integrationregistry.domain.Scopes;
import io.integrationregistry.domain.WebUrl;

import java.util.List;

/**
 * How the domain's records look in the event store, kept out of the domain: single-value records
 * are written as their plain value, and the sealed types carry a type name. Unknown properties are
 * ignored so that an added field never makes older code fail to read newer events.
 */
final class DomainJackson {

    private static final List<Class<?>> SINGLE_STRING_VALUES = List.of(
            IntegrationId.class,
            CompanyId.class,
            IntegrationName.class,
            BaseApiUrl.class,
            RequestParameters.class,
            WebUrl.class,
            ClientId.class,
            RedirectUri.class);

    private DomainJackson() {}

    static ObjectMapper objectMapper() {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(new Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
        SINGLE_STRING_VALUES.forEach(type -> mapper.addMixIn(type, SingleStringValue.class));
        mapper.addMixIn(Scopes.class, StringListValue.class);
        mapper.addMixIn(Authentication.class, AuthenticationTypes.class);
        mapper.addMixIn(IntegrationState.class, StateTypes.class);
        return mapper;
    }

    abstract static class SingleStringValue {

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        SingleStringValue(String value) {}

        @JsonValue
        abstract String value();
    }

    /** A record of one list of strings, such as the scopes, written as a plain JSON array. */
    abstract static class StringListValue {

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        StringListValue(List<String> values) {}

        @JsonValue
        abstract List<String> values();
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Authentication.OAuth2.class, name = "OAUTH2"),
        @JsonSubTypes.Type(value = Authentication.ApiKey.class, name = "API_KEY")
    })
    interface AuthenticationTypes {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "state")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = IntegrationState.Unregistered.class, name = "UNREGISTERED"),
        @JsonSubTypes.Type(value = Integration.class, name = "REGISTERED")
    })
    interface StateTypes {}
}
