package io.integrationregistry.adapters.rest.problem;

import org.apache.catalina.Container;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the embedded Tomcat answers on its own, before Spring sees a request: problem details too. */
@Configuration(proxyBeanMethods = false)
class ContainerErrorsConfiguration {

    /**
     * Swaps the host's HTML error report for {@link ProblemErrorReportValve} once the host has installed it
     * (the host adds its valve when it starts, just before it starts the application's context).
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> context.addLifecycleListener(event -> {
            if (Lifecycle.AFTER_START_EVENT.equals(event.getType())) {
                replaceErrorReport(context.getParent());
            }
        }));
    }

    private static void replaceErrorReport(Container host) {
        if (host == null) {
            return;
        }
        for (Valve valve : host.getPipeline().getValves()) {
            if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorReportValve)) {
                host.getPipeline().removeValve(valve);
                host.getPipeline().addValve(new ProblemErrorReportValve());
            }
        }
    }
}
