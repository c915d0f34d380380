package io.integrationregistry.adapters.providerhttp;

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
                "0                                  | 1970-01-01T00:00:00Z",
                "1714979289123                      | 2024-05-06T07:08:09.123Z"
            })
    void readable_dates(String text, String expected) {
        assertThat(ProviderDates.read(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "06/05/2024", "2024-13-45T00:00:00Z", "99999999999999999999", "-"})
    void unreadable_dates_are_unknown(String text) {
        assertThat(ProviderDates.read(text)).isNull();
    }
}
