/** MicroProfile Health checks both services share. */
package org.storemanager.common.health;
