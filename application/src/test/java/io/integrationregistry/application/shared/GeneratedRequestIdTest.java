package io.integrationregistry.application.shared;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A request without an id of its own gets a random version 4 UUID, a new one each time. */
class GeneratedRequestIdTest {

    @Test
    void aRequestWithoutAnIdGetsADistinctVersion4Uuid() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            String id = Origin.generated(Origin.Source.API).requestId();
            UUID parsed = UUID.fromString(id);
            assertThat(parsed.version()).isEqualTo(4);
            assertThat(parsed.variant()).isEqualTo(2);
            assertThat(parsed.toString()).isEqualTo(id);
            ids.add(id);
        }
        assertThat(ids).hasSize(1_000);
    }

    @Test
    void aClientsOwnRequestIdIsKept() {
        assertThat(new Origin("client-request-7", Origin.Source.UI).requestId()).isEqualTo("client-request-7");
    }
}
