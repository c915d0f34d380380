package io.integrationregistry.adapters.rest.security;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** The same rules through a real servlet container. */
@SpringBootTest(
        classes = SecurityTestApp.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "registry.security.users.alice.password={noop}alice-secret",
            "registry.security.users.alice.company=acme",
            "registry.security.users.alice.roles=AUDITOR"
        })
class HttpSecurityTest {

    @Autowired
    TestRestTemplate rest;

    @Test
    void unauthenticated_forbidden_and_allowed_over_http() {
        ResponseEntity<String> anonymous = rest.getForEntity("/api/probe", String.class);
        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
        assertThat(anonymous.getHeaders().getContentType())
                .matches(MediaType.APPLICATION_PROBLEM_JSON::isCompatibleWith);
        assertThat(anonymous.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
                .isEqualTo("Basic realm=\"integration-registry\"");
        assertThat(anonymous.getBody())
                .contains("\"type\":\"/problems/unauthorized\"", "\"status\":401")
                .doesNotContain("trace", "Exception");

        ResponseEntity<String> read =
                rest.withBasicAuth("alice", "alice-secret").getForEntity("/api/probe", String.class);
        assertThat(read.getStatusCode().value()).isEqualTo(200);
        assertThat(read.getBody()).contains("\"actor\":\"alice\"", "\"company\":\"acme\"");

        ResponseEntity<String> write = rest.withBasicAuth("alice", "alice-secret")
                .exchange("/api/probe", HttpMethod.POST, HttpEntity.EMPTY, String.class);
        assertThat(write.getStatusCode().value()).isEqualTo(403);
        assertThat(write.getHeaders().getContentType()).matches(MediaType.APPLICATION_PROBLEM_JSON::isCompatibleWith);
        assertThat(write.getBody()).contains("\"type\":\"/problems/forbidden\"", "\"status\":403", "\"detail\"");

        ResponseEntity<String> health = rest.getForEntity("/actuator/health", String.class);
        assertThat(health.getStatusCode().value()).isEqualTo(200);
    }
}
