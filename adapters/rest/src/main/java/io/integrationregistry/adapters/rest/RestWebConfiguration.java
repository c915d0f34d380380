package io.integrationregistry.adapters.rest;

import io.integrationregistry.application.shared.Caller;
import io.integrationregistry.domain.IntegrationId;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/**
 * What every controller of the API gets without asking: its {@link Caller} as an argument, and integration
 * ids from paths. In the OpenAPI description the caller is no parameter, and an id is the string it is sent as.
 */
@Configuration(proxyBeanMethods = false)
class RestWebConfiguration implements WebMvcConfigurer {

    static {
        SpringDocUtils.getConfig()
                .addRequestWrapperToIgnore(Caller.class)
                .replaceWithClass(IntegrationId.class, String.class);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerArgumentResolver());
    }

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverter(new IntegrationIdConverter());
    }
}
