package io.integrationregistry.application.projections.port.out;

/** A rebuild of a read model was asked for while one is under way: it goes on, and no second one starts. */
public class RebuildUnderWay extends RuntimeException {

    public RebuildUnderWay(String projection) {
        super("A rebuild of projection " + projection + " is already under way; follow it in the status.");
    }
}
