#ifndef GANTRY_NATIVE_FDLIBM_LOG_H
#define GANTRY_NATIVE_FDLIBM_LOG_H
/* Natural logarithm with fdlibm's algorithm and constants (e_log.c), the one V8 ports for Math.log,
 * so that results equal JavaScript's bit for bit (glibc's log may differ in the last bit). */
double gantry_fdlibm_log(double x);
#endif
