/**
 * Test suites, one per group of tests that start an application of their own. Camunda's REST login
 * finds its engine through a process-wide registry, so two web applications in one JVM would log
 * in against each other's engine; each suite runs in a JVM of its own, side by side with the others
 * (surefire execution {@code own-jvms}, one fork per suite).
 */
package com.journeycoach.jvms;
