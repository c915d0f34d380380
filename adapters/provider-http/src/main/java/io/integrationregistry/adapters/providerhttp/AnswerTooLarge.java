package io.integrationregistry.adapters.providerhttp;

import java.io.IOException;

/** The provider sent, or announced, more bytes than the configured limit. */
final class AnswerTooLarge extends IOException {

    AnswerTooLarge(long limit) {
        super("the provider's answer is larger than the limit of " + limit + " bytes");
    }
}
