/**
 * JAX-RS and servlet plumbing that gives every failure the same JSON shape and a fitting status.
 */
package org.storemanager.common.web;
