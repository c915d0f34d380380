package io.integrationregistry.adapters.rest.openapi;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The OpenAPI description names the configured public URL as its server, whatever Host a request names. */
@SpringBootTest(
        classes = OpenApiServersTest.App.class,
        properties = "registry.public-url=https://registry.acme.example")
@AutoConfigureMockMvc
class OpenApiServersTest {

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(OpenApiConfiguration.class)
    static class App {
        @org.springframework.context.annotation.Bean
        SecurityFilterChain open(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                    .build();
        }
    }

    @Autowired
    MockMvc mvc;

    @Test
    void openApiServersComeFromThePublicUrlNotFromTheHostHeader() throws Exception {
        for (String host : new String[] {"evil.example", "localhost:8080"}) {
            mvc.perform(get("/v3/api-docs").header(HttpHeaders.HOST, host).with(request -> {
                        request.setServerName(host.split(":")[0]);
                        return request;
                    }))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.servers", hasSize(1)))
                    .andExpect(jsonPath("$.servers[0].url").value("https://registry.acme.example"));
        }
    }
}
