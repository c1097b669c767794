package com.journeycoach.jvms;

import org.junit.platform.suite.api.IncludeTags;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/** The simultaneous first start of two nodes, in a JVM of its own (surefire execution {@code own-jvms}). */
@Suite
@SelectPackages("com.journeycoach")
@IncludeTags("first-start")
class FirstStartJvm {
}
