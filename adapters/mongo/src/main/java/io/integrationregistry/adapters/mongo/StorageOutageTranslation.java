package io.integrationregistry.adapters.mongo;

import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * The boundary of this adapter: every call the application makes on one of its beans reports an outage of
 * MongoDB as the application's {@code StorageUnavailable} (see {@link StorageOutages}), so that no caller
 * needs to know which database, driver or exception is behind a port.
 */
@Component
final class StorageOutageTranslation implements BeanPostProcessor {

    private static final String PACKAGE = StorageOutageTranslation.class.getPackageName();
    private static final String APPLICATION = "io.integrationregistry.application.";

    @Override
    public Object postProcessAfterInitialization(Object bean, String name) {
        if (!PACKAGE.equals(bean.getClass().getPackageName()) || !implementsAPort(bean.getClass())) {
            return bean;
        }
        return translating(bean);
    }

    /** A bean the application calls through one of its ports (not, say, a health indicator of this adapter). */
    private static boolean implementsAPort(Class<?> type) {
        return ClassUtils.getAllInterfacesForClassAsSet(type).stream()
                .anyMatch(port -> port.getName().startsWith(APPLICATION));
    }

    /** The adapter, its outages reported as {@code StorageUnavailable}; of its own class, so it is wired as before. */
    static <T> T translating(T adapter) {
        ProxyFactory proxy = new ProxyFactory(adapter);
        proxy.setProxyTargetClass(true);
        proxy.addAdvice((MethodInterceptor) call -> {
            try {
                return call.proceed();
            } catch (RuntimeException failure) {
                throw StorageOutages.translated(failure);
            }
        });
        @SuppressWarnings("unchecked")
        T translating = (T) proxy.getProxy(adapter.getClass().getClassLoader());
        return translating;
    }
}
