package io.integrationregistry.domain;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Asserts that a value is refused with an {@link InvalidValue} naming the given field. */
final class Refusal {

    private Refusal() {}

    static InvalidValue assertRefused(String field, ThrowingCallable creation) {
        InvalidValue refusal = catchThrowableOfType(InvalidValue.class, creation);
        assertThat(refusal)
                .as("the value should be refused as an InvalidValue of %s", field)
                .isNotNull();
        assertThat(refusal.field()).isEqualTo(field);
        assertThat(refusal.rule()).isNotBlank();
        return refusal;
    }
}
