// Every visible word of the page, in English and Chinese, in one place.
// Chinese uses the chapter's own terms (损失函数, 梯度下降, 学习率, 收敛, 震荡, 发散 …).

export const STRINGS = {
  en: {
    title: 'Descent — see a neural network learn',
    skip_to_scene: 'Skip to the scene',
    chapter: 'Chapter 3 · The training process',
    nav_scenes: 'Scenes',
    scene_loss: '3.1 Loss',
    scene_descent: '3.2 Gradient descent',
    scene_backprop: '3.3 Backpropagation',
    scene_loop: '3.4 Training loop',
    switch_language: '中文',
    switch_language_name: 'Switch to Chinese (切换到中文)',
    dismiss: 'Dismiss',
    fatal_title: 'Something went wrong.',
    reload: 'Reload the page',
    noscript: 'This page needs JavaScript and WebAssembly.',
    loading: 'Loading…',
    copy_link: 'Copy link',
    link_copied: 'Link copied',
    link_not_copied: 'Copy failed: use the address bar',
    present: 'Projector',
    present_hint: 'Projector mode: larger type, thicker lines, higher contrast (key P)',
    save_png: 'Save charts (PNG)',
    save_csv: 'Save loss history (CSV)',
    shortcuts: 'Keys: Space play/pause · → step · R reset · P projector mode · arrows move a focused slider',
    notice_refused: 'Some settings in the address were not understood and use their defaults instead: {names}.',

    gd_heading: 'Gradient descent: a ball rolling downhill',
    gd_intro: 'Like a ping-pong ball on bumpy ground, each step moves the weight w downhill, against the gradient. Drag the learning rate and watch how the steps change.',
    curve_canvas: 'The loss curve L(w) with the ball at the current weight w, its tangent (the gradient) and the next step',
    loss_canvas: 'Loss against step, logarithmic scale',
    loss_plot_title: 'Loss during training',
    learning_rate: 'Learning rate',
    learning_rate_hint: 'η* = 2 / L″ at the minimum: below it the ball settles, above it the steps grow.',
    critical: 'η*',
    play: 'Play',
    pause: 'Pause',
    step: 'Step',
    reset: 'Reset',
    speed: 'Speed',
    steps_per_second: '{n} steps/s',
    curve: 'Loss curve',
    curve_data_mse: 'MSE of a line on data (3.1)',
    curve_bumpy: 'Bumpy ground: a peak and two valleys',
    curve_bowl: 'Quadratic bowl',
    update_rule: 'The update',
    readout_step: 'Step',
    readout_w: 'Weight w',
    readout_loss: 'Loss L(w)',
    readout_gradient: 'Gradient ∂L/∂w',
    readout_critical: 'Critical η*',
    regime_too_slow: 'Too slow',
    regime_too_slow_detail: 'Each step covers a tiny part of the way: convergence takes very many steps.',
    regime_converging: 'Converging',
    regime_converging_detail: 'A good learning rate: the ball rolls steadily into the pit.',
    regime_oscillating: 'Oscillating',
    regime_oscillating_detail: 'Every step jumps over the minimum, but by less each time: it still converges.',
    regime_diverging: 'Diverging',
    regime_diverging_detail: 'Too large: each jump over the minimum is bigger than the last.',
    eta_vs_critical: 'η = {ratio} × η*',
    status_diverged: 'The ball flew off at step {step}. Lower the learning rate and press Reset.',
    status_at_rest_global: 'At rest in the lowest pit (global minimum).',
    status_at_rest_local: 'At rest in a pit — but not the lowest one (a local minimum).',
    status_rolling: 'Heading for the {which} at w = {w}.',
    which_global: 'global minimum',
    which_local: 'local minimum',
    drag_hint: 'Drag the ball, or click the curve, to choose where it starts. Keys: Space play/pause, → step, R reset.',
    overflow: 'overflow',
    question: 'What do too-large and too-small learning rates do?',
    answer: 'Too small and every step barely moves, so training needs very many steps; too large and each step jumps past the minimum, so the loss oscillates or grows without end. In between, around η*/2, the ball goes straight for the pit.',
    weight_axis: 'weight w',
    loss_axis: 'loss L(w)',
    step_axis: 'step',
    loss_axis_plot: 'loss (log scale)',
    global_minimum: 'global minimum',
    local_minimum: 'local minimum',
    minimum: 'minimum',
    peak: 'peak',
    off_chart: 'off the chart',

    // ── 3.1 Loss functions (scene loss) ──
    lf_heading: 'Loss functions: how far is the line from the points?',
    lf_intro: 'A loss function measures the gap between prediction ŷ and truth y. Move the line: each error becomes a square, and the MSE is their mean area.',
    lf_scatter_title: 'The line and its errors',
    lf_scatter_canvas: 'Twelve data points, the line ŷ = w·x + b, and each error y − ŷ drawn as a vertical segment and a square of that side',
    lf_curves_title: 'The loss of one error e, and its derivative',
    lf_curves_canvas: 'Top: e² and |e| against the error e. Bottom: their derivatives 2e and sign(e), which jumps at 0. Every current error is marked on each curve.',
    lf_drag_hint: 'Drag a round handle to tilt the line; drag elsewhere to shift it.',
    lf_slope: 'slope w',
    lf_intercept: 'intercept b',
    lf_best_fit: 'Best fit',
    lf_outlier: 'Add an outlier',
    lf_effect_off: 'An outlier here would make the MSE ×{mse} but the MAE only ×{mae}.',
    lf_effect_on: 'Outlier: MSE ×{mse}, MAE only ×{mae}. Alone it is {mse_share}% of Σe², {mae_share}% of Σ|e|.',
    lf_mse_name: 'Mean squared error (MSE)',
    lf_mae_name: 'Mean absolute error (MAE)',
    lf_why: 'Why square the error, not take its absolute value?',
    lf_reason_smooth_title: 'Differentiable everywhere.',
    lf_reason_smooth: 'e² has slope 2e, smooth through 0: a gradient everywhere. |e| has slope sign(e), jumping from −1 to +1: none at 0.',
    lf_reason_large_title: 'Punishes large errors.',
    lf_reason_large: 'The largest error, e = {e}, costs e² = {squared} but only |e| = {absolute}.',
    lf_goal_title: 'Training goal (3.1.3)',
    lf_goal: 'Training looks for the W and b that make the loss smallest. “Best fit” jumps straight to the lowest MSE for this line.',
    lf_question: 'Why compute gradients instead of searching for the best parameters directly?',
    lf_answer: 'Every combination of parameters has its own loss, and a network has millions of parameters, so trying combinations is hopeless; the gradient tells every parameter at once which way to move to lower the loss.',
    lf_x_axis: 'input x',
    lf_y_axis: 'target y',
    lf_outlier_label: 'outlier',
    lf_largest: 'largest error',
    lf_squares: 'error² (one square per point)',
    lf_error_axis: 'error e = y − ŷ',
    lf_loss_axis: 'loss',
    lf_slope_axis: 'derivative',
    lf_squared: 'e² (MSE)',
    lf_absolute: '|e| (MAE)',
    lf_squared_slope: '2e',
    lf_absolute_slope: 'sign(e)',
    lf_kink: 'not differentiable at 0',

    // ── end 3.1 ──

    // ── 3.3 Backpropagation (scene backprop) ──

    // ── end 3.3 ──

    // ── 3.4 The training loop (scene loop) ──

    // ── end 3.4 ──
  },
  zh: {
    title: 'Descent — 看见神经网络的学习过程',
    skip_to_scene: '跳到演示',
    chapter: '第三章 · 训练过程',
    nav_scenes: '演示',
    scene_loss: '3.1 损失函数',
    scene_descent: '3.2 梯度下降',
    scene_backprop: '3.3 反向传播',
    scene_loop: '3.4 训练流程',
    switch_language: 'English',
    switch_language_name: '切换到英文 (Switch to English)',
    dismiss: '关闭',
    fatal_title: '出错了。',
    reload: '重新加载页面',
    noscript: '本页面需要 JavaScript 和 WebAssembly。',
    loading: '加载中…',
    copy_link: '复制链接',
    link_copied: '链接已复制',
    link_not_copied: '复制失败：请使用地址栏',
    present: '投影模式',
    present_hint: '投影模式：更大的字、更粗的线、更高的对比度（按键 P）',
    save_png: '保存图表（PNG）',
    save_csv: '保存损失记录（CSV）',
    shortcuts: '按键：空格 播放/暂停 · → 单步 · R 重置 · P 投影模式 · 方向键调节选中的滑块',
    notice_refused: '地址中的部分设置无法识别，已改用默认值：{names}。',

    gd_heading: '梯度下降：往低处滚的小球',
    gd_intro: '就像凹凸不平的地面上的乒乓球，每一步都让权重 w 沿着梯度的反方向往低处走。拖动学习率，看看每一步怎样变化。',
    curve_canvas: '损失函数曲线 L(w)，小球位于当前权重 w，切线表示梯度，虚线表示下一步',
    loss_canvas: '损失随步数的变化（对数坐标）',
    loss_plot_title: '训练中的损失',
    learning_rate: '学习率',
    learning_rate_hint: 'η* = 2 / 极小值处的 L″：小于它小球会停下，大于它步子越来越大。',
    critical: 'η*',
    play: '播放',
    pause: '暂停',
    step: '单步',
    reset: '重置',
    speed: '速度',
    steps_per_second: '每秒 {n} 步',
    curve: '损失函数曲线',
    curve_data_mse: '直线拟合数据的均方误差（3.1）',
    curve_bumpy: '凹凸地面：一个极大值、两个极小值',
    curve_bowl: '二次函数碗',
    update_rule: '参数更新',
    readout_step: '步数',
    readout_w: '权重 w',
    readout_loss: '损失 L(w)',
    readout_gradient: '梯度 ∂L/∂w',
    readout_critical: '临界学习率 η*',
    regime_too_slow: '太小 · 收敛极慢',
    regime_too_slow_detail: '每一步只走了很小一段：需要很多轮迭代才能收敛。',
    regime_converging: '适中 · 快速收敛',
    regime_converging_detail: '学习率合适：小球稳稳地滚进坑底。',
    regime_oscillating: '偏大 · 震荡收敛',
    regime_oscillating_detail: '每一步都跳过最优解，但越跳越近：仍然收敛。',
    regime_diverging: '太大 · 发散',
    regime_diverging_detail: '学习率太大：每次跳过极小值都比上一次更远。',
    eta_vs_critical: 'η = {ratio} × η*',
    status_diverged: '小球在第 {step} 步飞出去了。调小学习率，然后按“重置”。',
    status_at_rest_global: '停在最低的坑底（全局极小值）。',
    status_at_rest_local: '停在一个坑底，但不是最低的那个（局部极小值）。',
    status_rolling: '正滚向 w = {w} 处的{which}。',
    which_global: '全局极小值',
    which_local: '局部极小值',
    drag_hint: '拖动小球或点击曲线，选择起点。按键：空格 播放/暂停，→ 单步，R 重置。',
    overflow: '溢出',
    question: '学习率太大或太小分别会导致什么问题？',
    answer: '太小：每一步几乎不动，需要很多轮迭代；太大：每一步都跳过最优解，损失震荡甚至发散。在 η*/2 附近时，小球直奔坑底。',
    weight_axis: '权重 w',
    loss_axis: '损失 L(w)',
    step_axis: '步数',
    loss_axis_plot: '损失（对数坐标）',
    global_minimum: '全局极小值',
    local_minimum: '局部极小值',
    minimum: '极小值',
    peak: '极大值',
    off_chart: '超出图表',

    // ── 3.1 Loss functions (scene loss) ──
    lf_heading: '损失函数：直线离数据点有多远？',
    lf_intro: '损失函数衡量预测值 ŷ 与真实值 y 之间的差距。移动直线：每个误差变成一个正方形，均方误差（MSE）就是它们的平均面积。',
    lf_scatter_title: '直线和它的误差',
    lf_scatter_canvas: '十二个数据点、直线 ŷ = w·x + b，每个误差 y − ŷ 画成一条竖线和以它为边长的正方形',
    lf_curves_title: '单个误差 e 的损失及其导数',
    lf_curves_canvas: '上图：e² 和 |e| 随误差 e 的变化。下图：它们的导数 2e 和 sign(e)，后者在 0 处跳变。每条曲线上都标出了当前的每个误差。',
    lf_drag_hint: '拖动圆形手柄转动直线；拖动其他位置上下平移。',
    lf_slope: '斜率 w',
    lf_intercept: '截距 b',
    lf_best_fit: '最佳拟合',
    lf_outlier: '加入一个离群点',
    lf_effect_off: '在这条直线下加入离群点：均方误差会变成 ×{mse}，平均绝对误差只变成 ×{mae}。',
    lf_effect_on: '离群点：均方误差 ×{mse}，平均绝对误差只 ×{mae}。它一个点就占 Σe² 的 {mse_share}%、Σ|e| 的 {mae_share}%。',
    lf_mse_name: '均方误差（MSE）',
    lf_mae_name: '平均绝对误差（MAE）',
    lf_why: '为什么用平方而不是绝对值？',
    lf_reason_smooth_title: '处处可导。',
    lf_reason_smooth: 'e² 的导数 2e 平滑经过 0，处处都有梯度，便于优化。|e| 的导数 sign(e) 从 −1 跳到 +1：在 0 处不可导。',
    lf_reason_large_title: '惩罚大误差。',
    lf_reason_large: '最大的误差 e = {e}，平方损失是 e² = {squared}，绝对值只有 |e| = {absolute}。',
    lf_goal_title: '训练目标（3.1.3）',
    lf_goal: '训练神经网络的目标：找到使损失函数最小化的参数 W 和 b。“最佳拟合”直接跳到这条直线均方误差最小的位置。',
    lf_question: '为什么需要计算梯度而不是直接搜索最优参数？',
    lf_answer: '每一组参数都对应一个损失值，而神经网络有数百万个参数，逐一尝试参数组合根本不可能；梯度则一次告诉每个参数该往哪个方向调整才能让损失下降。',
    lf_x_axis: '输入 x',
    lf_y_axis: '真实值 y',
    lf_outlier_label: '离群点',
    lf_largest: '最大误差',
    lf_squares: '误差²（每个点一个正方形）',
    lf_error_axis: '误差 e = y − ŷ',
    lf_loss_axis: '损失',
    lf_slope_axis: '导数',
    lf_squared: 'e²（MSE）',
    lf_absolute: '|e|（MAE）',
    lf_squared_slope: '2e',
    lf_absolute_slope: 'sign(e)',
    lf_kink: '在 0 处不可导',

    // ── end 3.1 ──

    // ── 3.3 Backpropagation (scene backprop) ──

    // ── end 3.3 ──

    // ── 3.4 The training loop (scene loop) ──

    // ── end 3.4 ──
  },
};

export const LANGUAGES = Object.keys(STRINGS);

let current = 'en';

/** The language asked for by `?lang=`, else the browser's, else English. */
export function pickLanguage(requested, browserLanguages) {
  if (requested && LANGUAGES.includes(requested)) return requested;
  for (const tag of browserLanguages || []) {
    const base = String(tag).toLowerCase().split('-')[0];
    if (LANGUAGES.includes(base)) return base;
  }
  return 'en';
}

export function language() {
  return current;
}

export function setLanguage(lang) {
  current = LANGUAGES.includes(lang) ? lang : 'en';
  document.documentElement.lang = current === 'zh' ? 'zh-CN' : 'en';
  document.title = t('title');
  applyTo(document);
}

/** The string `key` in the current language, with `{name}` filled from `vars`. */
export function t(key, vars = {}) {
  const table = STRINGS[current];
  const text = key in table ? table[key] : STRINGS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in vars ? String(vars[name]) : `{${name}}`));
}

/** Fills every `data-i18n` (text) and `data-i18n-<attr>` (attribute) under `root`. */
export function applyTo(root) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const attr of ['aria-label', 'title']) {
    const data = `data-i18n-${attr}`;
    for (const el of root.querySelectorAll(`[${data}]`)) el.setAttribute(attr, t(el.getAttribute(data)));
  }
}
