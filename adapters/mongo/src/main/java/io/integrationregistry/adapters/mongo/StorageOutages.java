package io.integrationregistry.adapters.mongo;

import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import io.integrationregistry.application.shared.StorageUnavailable;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * What an outage of MongoDB looks like, and how the application hears of it: as {@link StorageUnavailable},
 * whatever the driver or Spring Data threw. A failure that is no outage (a duplicate key, a bad query) is
 * passed on as it is.
 */
public final class StorageOutages {

    private StorageOutages() {}

    /** The database could not be reached, or answered no longer: no socket, no server chosen in time, no primary. */
    public static boolean isOutage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StorageUnavailable
                    || cause instanceof MongoSocketException
                    || cause instanceof MongoTimeoutException
                    || cause instanceof MongoNotPrimaryException
                    || cause instanceof DataAccessResourceFailureException) {
                return true;
            }
        }
        return false;
    }

    /** {@link StorageUnavailable} for an outage (with the failure as its cause), else the failure itself. */
    public static RuntimeException translated(RuntimeException failure) {
        if (failure instanceof StorageUnavailable || !isOutage(failure)) {
            return failure;
        }
        return new StorageUnavailable("the database cannot be reached", failure);
    }
}
