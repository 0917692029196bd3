package io.ike4j.daemon.config;

/**
 * Bounds that keep the settings parser safe on hostile or broken input.
 *
 * @param maxFileBytes      largest single file read
 * @param maxTotalBytes     sum of all files read for one load (includes included files)
 * @param maxFiles          number of files read for one load
 * @param maxIncludeDepth   nesting of {@code include} statements (strongSwan uses 10)
 * @param maxSectionDepth   nesting of sections
 * @param maxNodes          settings plus sections in one load
 * @param maxValueChars     longest value or name
 */
public record SettingsLimits(long maxFileBytes, long maxTotalBytes, int maxFiles, int maxIncludeDepth,
                             int maxSectionDepth, int maxNodes, int maxValueChars) {

    public static SettingsLimits defaults() {
        return new SettingsLimits(4L << 20, 32L << 20, 1024, 10, 32, 200_000, 65_536);
    }
}
