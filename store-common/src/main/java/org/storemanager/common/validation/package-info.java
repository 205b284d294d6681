/** Bean Validation constraints shared by the services' request bodies. */
package org.storemanager.common.validation;
