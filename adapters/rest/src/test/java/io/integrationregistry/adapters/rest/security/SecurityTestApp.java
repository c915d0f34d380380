package io.integrationregistry.adapters.rest.security;

import io.integrationregistry.application.shared.Caller;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * A minimal application for the security tests ({@link App}): the security configuration and a probe
 * controller, no database. Both are nested in this {@code @TestComponent} so that the component scan of
 * another test application of this module never picks them up.
 */
@TestComponent
final class SecurityTestApp {

    private SecurityTestApp() {}

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import({SecurityConfiguration.class, ProbeController.class})
    static class App {}

    @RestController
    static class ProbeController {

        @GetMapping("/api/probe")
        Map<String, String> read(Authentication authentication) {
            return describe(Callers.of(authentication));
        }

        @PostMapping("/api/probe")
        Map<String, String> write(Authentication authentication) {
            return describe(Callers.of(authentication));
        }

        /** Stands in for Actuator, which this module does not depend on. */
        @GetMapping("/actuator/health")
        Map<String, String> health() {
            return Map.of("status", "UP");
        }

        @GetMapping("/actuator/health/liveness")
        Map<String, String> liveness() {
            return Map.of("status", "UP");
        }

        @GetMapping("/actuator/metrics")
        Map<String, String> metrics() {
            return Map.of("names", "[]");
        }

        /** Stands in for the service-wide operations: a rebuild of a read model, a re-wrap of the data keys. */
        @PostMapping({"/api/admin/probe", "/actuator/datakeys"})
        Map<String, String> operate(Authentication authentication) {
            return Map.of("operator", authentication.getName());
        }

        @GetMapping("/not-listed")
        String notListed() {
            return "should not be reachable";
        }

        private static Map<String, String> describe(Caller caller) {
            return Map.of(
                    "actor", caller.actor().login(), "company", caller.company().value());
        }
    }
}
