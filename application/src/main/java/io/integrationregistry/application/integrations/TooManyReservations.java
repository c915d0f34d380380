package io.integrationregistry.application.integrations;

/** The company holds as many open id reservations as it may; they free up when used or expired. */
public final class TooManyReservations extends RuntimeException {

    private final int limit;

    public TooManyReservations(int limit) {
        super("Your company holds " + limit + " reserved integration ids not yet used, the most it may hold; "
                + "they free up as integrations are created with them or as they expire.");
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }
}
