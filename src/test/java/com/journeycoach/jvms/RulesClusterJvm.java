package com.journeycoach.jvms;

import org.junit.platform.suite.api.IncludeTags;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/** Rule reloads followed by every node of a cluster, in a JVM of its own (surefire execution {@code own-jvms}). */
@Suite
@SelectPackages("com.journeycoach")
@IncludeTags("rules-cluster")
class RulesClusterJvm {
}
