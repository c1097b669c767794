package com.journeycoach.jvms;

import org.junit.platform.suite.api.IncludeTags;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/** The bad-input corpus on H2, in a JVM of its own (surefire execution {@code own-jvms}). */
@Suite
@SelectPackages("com.journeycoach")
@IncludeTags("corpus-h2")
class CorpusOnH2Jvm {
}
