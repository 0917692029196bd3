package io.ike4j.platform.tun;

import java.io.IOException;

/** A failed libc call: the operation, errno and its symbolic name, and the C library's message for it. */
public class NativeIoException extends IOException {
    private final int errno;
    private final String errnoName;

    public NativeIoException(String operation, int errno, String errnoName, String message) {
        super(operation + ": " + message + " (" + errnoName + ", errno " + errno + ")");
        this.errno = errno;
        this.errnoName = errnoName;
    }

    public int errno() {
        return errno;
    }

    /** E.g. "EPERM"; "E?" for numbers this class does not name. */
    public String errnoName() {
        return errnoName;
    }
}
