package io.integrationregistry.application.documents.port.out;

import java.util.List;

/**
 * Who learns of each provider call once it has ended: the call log, the metrics. Observing must neither
 * slow nor fail the call: an observer returns at once and throws nothing.
 */
public interface ForObservingProviderCalls {

    void observed(ProviderCallRecord call);

    /** No one observes. */
    ForObservingProviderCalls NONE = call -> {};

    /** Each of {@code observers} observes, in turn; one that fails does not keep the others from it. */
    static ForObservingProviderCalls all(List<? extends ForObservingProviderCalls> observers) {
        List<ForObservingProviderCalls> each = List.copyOf(observers);
        return call -> {
            for (ForObservingProviderCalls observer : each) {
                try {
                    observer.observed(call);
                } catch (RuntimeException ignored) {
                    // An observer that fails loses this record; the others still get it.
                }
            }
        };
    }
}
