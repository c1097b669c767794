package com.journeycoach.jvms;

import org.junit.platform.suite.api.IncludeTags;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/** Insights on an empty database in the browser, an application of its own, in a JVM of its own (surefire execution {@code own-jvms}). */
@Suite
@SelectPackages("com.journeycoach")
@IncludeTags("insights-empty")
class InsightsEmptyJvm {
}
