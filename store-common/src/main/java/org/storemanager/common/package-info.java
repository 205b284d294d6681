/**
 * Small pieces both services share: the JSON error contract ({@code {"error": "..."}}), the
 * exceptions application services throw to say which 4xx a request deserves, and the JAX-RS and
 * servlet plumbing that turns every failure into that contract.
 */
package org.storemanager.common;
