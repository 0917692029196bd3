package io.ike4j.platform.esp;

/** An SA cannot be built: unsupported algorithm, mode or key size, or a duplicate SPI. Never carries key bytes. */
public class EspConfigException extends Exception {
    public EspConfigException(String message) {
        super(message);
    }

    public EspConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
