package io.integrationregistry.bootstrap;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The integration registry service: the application and its adapters wired into one process. */
@SpringBootApplication(
        scanBasePackages = "io.integrationregistry",
        excludeName = {
            // The registry is a client of providers' authorization servers, never one itself: should the
            // authorization-server library be on the class path, its defaults must not switch sign-in to JWT.
            "org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerAutoConfiguration",
            "org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerJwtAutoConfiguration"
        })
@ConfigurationPropertiesScan
public class RegistryApplication {

    static {
        // The service never reports usage to third parties; operators may still opt in explicitly.
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        // Nor does it advertise a monitoring product in its log at every start.
        if (System.getProperty("disable-axoniq-console-message") == null) {
            System.setProperty("disable-axoniq-console-message", "true");
        }
    }

    public static void main(String[] args) {
        SpringApplication.run(RegistryApplication.class, args);
    }
}
