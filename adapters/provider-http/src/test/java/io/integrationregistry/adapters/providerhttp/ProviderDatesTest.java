package io.integrationregistry.adapters.providerhttp;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The spellings of {@code dateModified} that are understood, and those that are not. */
class ProviderDatesTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "2024-05-06T07:08:09Z               | 2024-05-06T07:08:09Z",
                "2024-05-06t07:08:09.5z             | 2024-05-06T07:08:09.500Z",
                "2024-05-06 07:08:09+02:00          | 2024-05-06T05:08:09Z",
                "2024-05-06T07:08:09.123456789-05:30| 2024-05-06T12:38:09.123456789Z",
                "2024-05-06T07:08                   | 2024-05-06T07:08:00Z",
                "2024-05-06                         | 2024-05-06T00:00:00Z",
                "1                                  | 1970-01-01T00:00:00.001Z",
                "1714979289123                      | 2024-05-06T07:08:09.123Z"
            })
    void readable_dates(String text, String expected) {
        assertThat(ProviderDates.read(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", " 0 ", "1970-01-01T00:00:00Z", "1970-01-01", "1970-01-01T01:00:00+01:00"})
    void epochZeroIsAnAbsentDateNot1970(String text) {
        assertThat(ProviderDates.read(text)).isNull();
        assertThat(ProviderDates.read(TextNode.valueOf(text))).isNull();
    }

    @Test
    void epochZeroAsAJsonNumberIsAnAbsentDateNot1970() {
        assertThat(ProviderDates.read(IntNode.valueOf(0))).isNull();
        assertThat(ProviderDates.read(LongNode.valueOf(0L))).isNull();
        assertThat(ProviderDates.read(LongNode.valueOf(1735689600000L)))
                .isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "06/05/2024", "2024-13-45T00:00:00Z", "99999999999999999999", "-"})
    void unreadable_dates_are_unknown(String text) {
        assertThat(ProviderDates.read(text)).isNull();
    }
}
