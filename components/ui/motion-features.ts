// framer-motion's animation and layout features, loaded by <MotionFeatures> after the page hydrated.
import { domMax } from 'framer-motion';

export default domMax;
