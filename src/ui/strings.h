#pragma once
// Every UI string, in English and Simplified Chinese, in one table.
#include <string>
#include <vector>

#include "core/lesson/presets.h"
#include "ui/app_state.h"

namespace convviz::ui {

// X(id, English, 简体中文)
#define CONVVIZ_UI_STRINGS(X)                                                                                                       \
  X(StepOf, "Step", "第")                                                                                                           \
  X(LegendApproximate, "≈ a number rounded to fit its cell: hover for the value in the sum",                                        \
    "≈ 为放进格子而四舍五入的数：悬停可见算式中的值")                                                                               \
  X(LegendHidden, "cells too small for their numbers: zoom in (wheel) or hover",                                                    \
    "格子太小，放不下数字：滚轮放大或悬停查看")                                                                                     \
  X(LegendShading, "shade: input black 0 to white {max}; kernel and output as the maps",                                            \
    "底色：输入从黑 0 到白 {max}；卷积核和输出同特征图配色")                                                                        \
  X(ParametersDrawer, "Parameters (Tab)", "参数（Tab）")                                                                            \
  X(PlaybackOptions, "Options…", "选项…")                                                                                           \
  X(LoupeCaption, "under the window", "窗口下的值")                                                                                 \
  X(PartialSumNote, "{k} of {n} products added so far: not the result yet",                                                         \
    "已累加 {n} 个乘积中的 {k} 个：还不是结果")                                                                                     \
  X(BiasSetToZero, "bias set to 0", "偏置设为 0")                                                                                   \
  X(RegionCoversPicture, "The grid already shows the whole picture: every map pixel is a step",                                     \
    "网格已显示整张图片：特征图的每个像素都是一步")                                                                                 \
  X(RegionMoved, "Grid moved to the clicked pixel (Ctrl+Z puts it back)",                                                           \
    "网格已移到单击的像素（Ctrl+Z 可移回）")                                                                                        \
  X(LastValidFigures, "Figures of the last valid layer", "以下为上一个有效层的数据")                                                \
  X(AppTitle, "ConvViz", "ConvViz")                                                                                                 \
  X(MenuFile, "File", "文件")                                                                                                       \
  X(MenuOpen, "Open session...", "打开会话...")                                                                                     \
  X(MenuSave, "Save session", "保存会话")                                                                                           \
  X(MenuSaveAs, "Save session as...", "会话另存为...")                                                                              \
  X(MenuPresets, "Examples", "示例")                                                                                                \
  X(MenuExportStep, "Export step image...", "导出当前步骤图片...")                                                                  \
  X(MenuExportAll, "Export all steps...", "导出全部步骤...")                                                                        \
  X(MenuExportGif, "Export animation...", "导出动画...")                                                                            \
  X(ExportTitle, "Export", "导出")                                                                                                  \
  X(ExportScale, "size", "尺寸")                                                                                                    \
  X(ExportWhite, "white background for print", "白色背景（打印）")                                                                  \
  X(ExportWithText, "with the expression and counts", "附带算式和运算量")                                                           \
  X(ExportFrom, "from step", "起始步")                                                                                              \
  X(ExportTo, "to step", "结束步")                                                                                                  \
  X(ExportFps, "frames/s", "帧/秒")                                                                                                 \
  X(ExportFolder, "folder", "文件夹")                                                                                               \
  X(ExportButton, "Export", "导出")                                                                                                 \
  X(Exporting, "Exporting", "正在导出")                                                                                             \
  X(ExportCancelled, "Export cancelled: nothing was written", "导出已取消：未写入任何文件")                                         \
  X(Wrote, "Wrote", "已写入")                                                                                                       \
  X(MenuQuit, "Quit", "退出")                                                                                                       \
  X(MenuEdit, "Edit", "编辑")                                                                                                       \
  X(MenuUndo, "Undo", "撤销")                                                                                                       \
  X(MenuRedo, "Redo", "重做")                                                                                                       \
  X(MenuView, "View", "视图")                                                                                                       \
  X(MenuTextSize, "Text size", "文字大小")                                                                                          \
  X(MenuLarger, "Larger text", "放大文字")                                                                                          \
  X(MenuSmaller, "Smaller text", "缩小文字")                                                                                        \
  X(MenuTheme, "Theme", "主题")                                                                                                     \
  X(ThemeDark, "Dark", "深色")                                                                                                      \
  X(ThemeLight, "Light, high contrast", "浅色高对比度")                                                                             \
  X(MenuLanguage, "Language", "语言")                                                                                               \
  X(MenuFullScreen, "Full screen", "全屏")                                                                                          \
  X(MenuRestore, "Reopen the last session on start", "启动时恢复上次会话")                                                          \
  X(MenuHelp, "Help", "帮助")                                                                                                       \
  X(MenuShortcuts, "Keyboard shortcuts", "键盘快捷键")                                                                              \
  X(PanelParameters, "Parameters", "参数")                                                                                          \
  X(PanelCanvas, "Convolution", "卷积")                                                                                             \
  X(PanelStep, "Step", "步骤")                                                                                                      \
  X(PanelOps, "Operation counts", "运算量")                                                                                         \
  X(PanelTransport, "Playback", "播放")                                                                                             \
  X(Preset, "Example", "示例")                                                                                                      \
  X(SectionInput, "Input", "输入")                                                                                                  \
  X(SectionLayer, "Layer", "卷积层")                                                                                                \
  X(Batch, "batch", "批大小")                                                                                                       \
  X(Channels, "in_channels", "输入通道")                                                                                            \
  X(Height, "height", "高")                                                                                                         \
  X(Width, "width", "宽")                                                                                                           \
  X(OutChannels, "out_channels", "输出通道")                                                                                        \
  X(Kernel, "kernel_size", "卷积核大小")                                                                                            \
  X(Square, "square", "正方形")                                                                                                     \
  X(Stride, "stride", "步幅")                                                                                                       \
  X(Padding, "padding", "填充")                                                                                                     \
  X(PaddingMode, "padding_mode", "填充方式")                                                                                        \
  X(Dilation, "dilation", "膨胀")                                                                                                   \
  X(Groups, "groups", "分组")                                                                                                       \
  X(GroupsTyped, "or type", "或输入")                                                                                               \
  X(Bias, "bias", "偏置")                                                                                                           \
  X(OutputShape, "Output shape", "输出形状")                                                                                        \
  X(PyTorchLine, "In PyTorch", "PyTorch 写法")                                                                                      \
  X(Copy, "Copy", "复制")                                                                                                           \
  X(SettingsSetAside, "could not be read and was set aside as", "无法读取，已另存为")                                               \
  X(SettingsUnreadable, "could not be read and was ignored", "无法读取，已忽略")                                                    \
  X(Copied, "Copied to the clipboard", "已复制到剪贴板")                                                                            \
  X(InvalidBanner, "Not a valid layer: showing the last valid one",                                                                 \
    "参数无效：显示上一个有效的设置")                                                                                               \
  X(InputGrid, "input", "输入")                                                                                                     \
  X(KernelGrid, "kernel", "卷积核")                                                                                                 \
  X(OutputGrid, "output", "输出")                                                                                                   \
  X(ChannelShort, "c", "c")                                                                                                         \
  X(Brush, "paint value", "绘制值")                                                                                                 \
  X(Zoom, "zoom", "缩放")                                                                                                           \
  X(ResetView, "Reset view", "重置视图")                                                                                            \
  X(EditValue, "Value", "数值")                                                                                                     \
  X(FillZeros, "Zeros", "全零")                                                                                                     \
  X(FillOnes, "Ones", "全一")                                                                                                       \
  X(FillRandomIntegers, "Random integers", "随机整数")                                                                              \
  X(FillRandomNormal, "Random normal", "随机正态")                                                                                  \
  X(FillIdentity, "Identity", "恒等")                                                                                               \
  X(FillBoxBlur, "Box blur", "均值模糊")                                                                                            \
  X(FillGaussian, "Gaussian blur", "高斯模糊")                                                                                      \
  X(FillSharpen, "Sharpen", "锐化")                                                                                                 \
  X(FillSobelX, "Sobel x", "Sobel x")                                                                                               \
  X(FillSobelY, "Sobel y", "Sobel y")                                                                                               \
  X(FillLaplacian, "Laplacian", "拉普拉斯")                                                                                         \
  X(FillPyTorchDefault, "PyTorch default init", "PyTorch 默认初始化")                                                               \
  X(FillPrewittX, "Prewitt x", "Prewitt x")                                                                                         \
  X(FillPrewittY, "Prewitt y", "Prewitt y")                                                                                         \
  X(FillScharrX, "Scharr x", "Scharr x")                                                                                            \
  X(FillScharrY, "Scharr y", "Scharr y")                                                                                            \
  X(FillEmboss, "Emboss", "浮雕")                                                                                                   \
  X(FillOutline, "Outline", "轮廓")                                                                                                 \
  X(FillMotionBlur, "Motion blur", "运动模糊")                                                                                      \
  X(PurposeIdentity, "copies the input: the output is the picture itself",                                                          \
    "原样复制输入：输出就是图像本身")                                                                                               \
  X(PurposeBoxBlur, "averages each neighbourhood: blurs and wipes out fine detail",                                                 \
    "对邻域取平均：模糊并抹去细节")                                                                                                 \
  X(PurposeGaussian, "a weighted average, heaviest in the middle: a smooth blur",                                                   \
    "中心权重最大的加权平均：平滑模糊")                                                                                             \
  X(PurposeSharpen, "adds the difference from the neighbours back: crisper edges",                                                  \
    "加回与邻域的差：边缘更清晰")                                                                                                   \
  X(PurposeSobelX, "left-to-right change: finds vertical edges", "从左到右的变化：检测竖直边缘")                                    \
  X(PurposeSobelY, "top-to-bottom change: finds horizontal edges", "从上到下的变化：检测水平边缘")                                  \
  X(PurposePrewittX, "Sobel x with equal row weights: vertical edges",                                                              \
    "行权重相等的 Sobel x：竖直边缘")                                                                                               \
  X(PurposePrewittY, "Sobel y with equal column weights: horizontal edges",                                                         \
    "列权重相等的 Sobel y：水平边缘")                                                                                               \
  X(PurposeScharrX, "Sobel x tuned to answer alike at every angle: vertical edges",                                                 \
    "各方向响应更均匀的 Sobel x：竖直边缘")                                                                                         \
  X(PurposeScharrY, "Sobel y tuned to answer alike at every angle: horizontal edges",                                               \
    "各方向响应更均匀的 Sobel y：水平边缘")                                                                                         \
  X(PurposeLaplacian, "the centre against its four neighbours: edges and spots in any direction",                                   \
    "中心对比四邻域：任意方向的边缘与斑点")                                                                                         \
  X(PurposeEmboss, "light from the top left: surfaces look raised or pressed in",                                                   \
    "左上方光照：表面看起来凸起或凹陷")                                                                                             \
  X(PurposeOutline, "the centre against all eight neighbours: outlines every shape",                                                \
    "中心对比八邻域：勾勒所有形状的轮廓")                                                                                           \
  X(PurposeMotionBlur, "averages along the diagonal: the smear of a moving camera",                                                 \
    "沿对角线平均：相机移动造成的拖影")                                                                                             \
  X(PurposePyTorchDefault, "what nn.Conv2d starts from before training: small random weights",                                      \
    "nn.Conv2d 训练前的初始值：较小的随机权重")                                                                                     \
  X(FillThisChannel, "This channel only", "仅此通道")                                                                               \
  X(OnlyThreeByThree, "only for 3x3 kernels", "仅适用于 3x3 卷积核")                                                                \
  X(OnlySquare, "only for square kernels", "仅适用于方形卷积核")                                                                    \
  X(OnlyOddSizes, "only for odd sizes from 3", "仅适用于 3 及以上的奇数尺寸")                                                       \
  X(ChannelsAsGiven, "Kernels: the same on every input channel", "卷积核：每个输入通道相同")                                        \
  X(ChannelsPerChannel, "Kernels: each output sees its own channel",                                                                \
    "卷积核：每个输出只看自己的通道")                                                                                               \
  X(ChannelsLuminance, "Kernels: on the brightness (luminance)", "卷积核：作用于亮度")                                              \
  X(StepOfTotal, "Step {n} / {total}", "第 {n} 步 / 共 {total} 步")                                                                 \
  X(StepNOfTotal, "Step {n} of {total}", "第 {n} 步，共 {total} 步")                                                                \
  X(StepN, "step {n}", "第 {n} 步")                                                                                                 \
  X(OutputTensor, "output", "输出")                                                                                                 \
  X(InputTensor, "input", "输入")                                                                                                   \
  X(WeightTensor, "weight", "权重")                                                                                                 \
  X(StepTerm, "term", "项")                                                                                                         \
  X(InputValue, "input", "输入")                                                                                                    \
  X(WeightValue, "weight", "权重")                                                                                                  \
  X(Product, "product", "乘积")                                                                                                     \
  X(PaddingCell, "padding", "填充")                                                                                                 \
  X(CroppedCell, "cropped by the negative padding: never read", "被负数 padding 裁掉：不会被读取")                                  \
  X(CropNote,                                                                                                                       \
    "padding={pad} crops {what} before the convolution (F.pad with a negative amount); the "                                        \
    "struck-out cells are never read",                                                                                              \
    "padding={pad} 在卷积之前裁掉{what}（F.pad 的负数填充）；划掉的格子不会被读取")                                                 \
  X(CropNoteShort, "padding={pad} crops {what} (F.pad)", "padding={pad} 裁掉{what}（F.pad）")                                       \
  X(CropRows, "{n} {rows} from the top and the bottom", "上下各 {n} 行")                                                            \
  X(CropColumns, "{n} {columns} from the left and the right", "左右各 {n} 列")                                                      \
  X(CropJoin, " and ", "、")                                                                                                        \
  X(OneRow, "row", "行")                                                                                                            \
  X(ManyRows, "rows", "行")                                                                                                         \
  X(OneColumn, "column", "列")                                                                                                      \
  X(ManyColumns, "columns", "列")                                                                                                   \
  X(Sum, "sum", "和")                                                                                                               \
  X(Result, "result", "结果")                                                                                                       \
  X(RunningSum, "running sum", "累加和")                                                                                            \
  X(ProductsShown, "products", "个乘积")                                                                                            \
  X(Group, "group", "组")                                                                                                           \
  X(Multiplications, "multiplications", "乘法")                                                                                     \
  X(Additions, "additions", "加法")                                                                                                 \
  X(Macs, "MACs", "乘加")                                                                                                           \
  X(Flops, "FLOPs", "浮点运算")                                                                                                     \
  X(Params, "parameters", "参数量")                                                                                                 \
  X(OutputElements, "output elements", "输出元素")                                                                                  \
  X(WithGroupsOne, "with groups = 1", "若 groups = 1")                                                                              \
  X(TimesFewer, "fewer multiplications", "乘法更少")                                                                                \
  X(EngineTime, "full output computed in", "完整输出计算耗时")                                                                      \
  X(Thread, "thread", "线程")                                                                                                       \
  X(Threads, "threads", "线程")                                                                                                     \
  X(First, "First", "第一步")                                                                                                       \
  X(Previous, "Previous", "上一步")                                                                                                 \
  X(Play, "Play", "播放")                                                                                                           \
  X(Pause, "Pause", "暂停")                                                                                                         \
  X(Next, "Next", "下一步")                                                                                                         \
  X(Last, "Last", "最后一步")                                                                                                       \
  X(Speed, "steps/s", "步/秒")                                                                                                      \
  X(Reveal, "reveal outputs as you go", "逐步显示输出")                                                                             \
  X(FineSteps, "one multiplication at a time", "逐个乘法")                                                                          \
  X(OpenTitle, "Open session", "打开会话")                                                                                          \
  X(SaveTitle, "Save session", "保存会话")                                                                                          \
  X(Path, "path", "路径")                                                                                                           \
  X(Ok, "OK", "确定")                                                                                                               \
  X(Cancel, "Cancel", "取消")                                                                                                       \
  X(Save, "Save", "保存")                                                                                                           \
  X(DontSave, "Don't save", "不保存")                                                                                               \
  X(UnsavedTitle, "Unsaved changes", "未保存的更改")                                                                                \
  X(UnsavedQuestion, "Save the changes to this session first?", "先保存本会话的更改吗？")                                           \
  X(Saved, "Saved", "已保存")                                                                                                       \
  X(Opened, "Opened", "已打开")                                                                                                     \
  X(MenuOpenImage, "Open image...", "打开图片...")                                                                                  \
  X(MenuClosePicture, "Close picture", "关闭图片")                                                                                  \
  X(OpenImageTitle, "Open an image (PNG, JPEG, BMP, GIF, TGA)",                                                                     \
    "打开图片（PNG、JPEG、BMP、GIF、TGA）")                                                                                         \
  X(PanelPicture, "Picture and feature maps", "图片与特征图")                                                                       \
  X(SectionPicture, "Picture", "图片")                                                                                              \
  X(MenuShowPicture, "Show the picture", "显示图片")                                                                                \
  X(PictureChannels, "The whole picture needs in_channels equal to its channel count",                                              \
    "整张图片要求 in_channels 等于其通道数")                                                                                        \
  X(Grayscale, "Grayscale", "灰度")                                                                                                 \
  X(ValuesUnit, "Values 0-1", "取值 0-1")                                                                                           \
  X(Values255, "Values 0-255", "取值 0-255")                                                                                        \
  X(GridWhole, "Whole picture", "整张图片")                                                                                         \
  X(GridRegion, "Region", "区域")                                                                                                   \
  X(GridCells, "Grid", "网格")                                                                                                      \
  X(RegionHint, "drag the box on the picture to move the grid", "在图片上拖动方框以移动网格")                                       \
  X(Colours, "Colours", "颜色")                                                                                                     \
  X(RangePerMap, "per map", "每张图")                                                                                               \
  X(RangeShared, "shared", "统一")                                                                                                  \
  X(RangeFixed, "fixed", "固定")                                                                                                    \
  X(MapsComputing, "computing...", "计算中...")                                                                                     \
  X(MapsTime, "whole picture in", "整张图耗时")                                                                                     \
  X(MapOut, "out", "输出")                                                                                                          \
  X(MapsFrom, "first map", "首张特征图")                                                                                            \
  X(PictureLabel, "picture", "图片")                                                                                                \
  X(KernelPick, "Kernel", "卷积核")                                                                                                 \
  X(Sigma, "σ", "σ")                                                                                                                \
  X(Custom, "(edited)", "（已编辑）")                                                                                               \
  X(MenuSamples, "Sample pictures", "示例图片")                                                                                     \
  X(SampleScene, "Scene: edges, stripes, checkerboard", "场景：边缘、条纹、棋盘")                                                   \
  X(SampleDigit, "Handwritten 3 (28x28)", "手写数字 3 (28x28)")                                                                     \
  X(Colon, ": ", "：")                                                                                                              \
  X(DoesNotFit, "does not fit the window", "超出窗口能显示的大小")                                                                  \
  X(PresetTextbook, "textbook", "教材示例")                                                                                         \
  X(PresetTextbookAbout, "5x5 input, 3x3 X kernel, bias 1, zero padding 1: step 0 is 9",                                            \
    "5x5 输入，3x3 X 形卷积核，偏置 1，零填充 1：第一步的结果是 9")                                                                 \
  X(PresetTorchOnes, "torch-ones", "全一张量")                                                                                      \
  X(PresetTorchOnesAbout, "torch.ones(1,1,5,5) with a 3x3 ones kernel, padding 1: 5x5 out",                                         \
    "torch.ones(1,1,5,5) 配 3x3 全一卷积核，填充 1：输出 5x5")                                                                      \
  X(PresetStride2, "stride-2", "步幅 2")                                                                                            \
  X(PresetStride2About, "the textbook example with stride 2: a 3x3 output",                                                         \
    "教材示例改用步幅 2：输出 3x3")                                                                                                 \
  X(PresetDilation2, "dilation-2", "膨胀 2")                                                                                        \
  X(PresetDilation2About, "7x7 input, 3x3 kernel with dilation 2 and padding 2",                                                    \
    "7x7 输入，3x3 卷积核，膨胀 2，填充 2")                                                                                         \
  X(PresetReflect, "reflect-padding", "反射填充")                                                                                   \
  X(PresetReflectAbout, "the textbook example with reflect padding",                                                                \
    "教材示例改用反射填充（reflect）")                                                                                              \
  X(PresetDepthwise, "depthwise", "逐通道卷积")                                                                                     \
  X(PresetDepthwiseAbout, "2 channels, groups 2: each channel has its own kernel",                                                  \
    "2 个通道，分组 2：每个通道有自己的卷积核")                                                                                     \
  X(PresetRgbTo2, "rgb-to-2", "3 通道到 2 通道")                                                                                    \
  X(PresetRgbTo2About, "3 input channels summed into each of 2 output channels",                                                    \
    "2 个输出通道各自对 3 个输入通道求和")                                                                                          \
  X(PresetSobelX, "sobel-x", "Sobel x 边缘")                                                                                        \
  X(PresetSobelXAbout, "a vertical edge found by the Sobel x kernel",                                                               \
    "用 Sobel x 卷积核找出一条竖直边缘")                                                                                            \
  X(SpecAtLeastOne, "{0} ({1}) must be at least 1", "{0}（{1}）必须至少为 1")                                                       \
  X(SpecTooLarge, "{0} ({1}) is larger than ConvViz supports ({2})",                                                                \
    "{0}（{1}）超出 ConvViz 支持的上限（{2}）")                                                                                     \
  X(SpecNegativeWithZeros,                                                                                                          \
    "padding {0} ({1}) cannot be negative with padding_mode 'zeros' (reflect, replicate and "                                       \
    "circular crop instead)",                                                                                                       \
    "padding_mode 为 'zeros' 时，padding 的{0}（{1}）不能为负（reflect、replicate 和 circular "                        \
    "会改为裁剪）")                                                                                                                 \
  X(SpecGroupsDivide, "groups ({0}) must divide {1} ({2})", "groups（{0}）必须能整除 {1}（{2}）")                                   \
  X(SpecSameNeedsStrideOne,                                                                                                         \
    "padding 'same' needs stride 1, but stride is {0} (PyTorch has no 'same' for strided "                                          \
    "convolutions)",                                                                                                                \
    "padding 'same' 要求 stride 为 1，而 stride 是 {0}（PyTorch 的带步幅卷积没有 'same'）")                                         \
  X(SpecReflectTooLarge, "reflect padding ({0}) must be smaller than the input {1} ({2})",                                          \
    "reflect 填充（{0}）必须小于输入的{1}（{2}）")                                                                                  \
  X(SpecCircularTooLarge,                                                                                                           \
    "circular padding ({0}) cannot be larger than the input {1} ({2}): it would wrap around "                                       \
    "more than once",                                                                                                               \
    "circular 填充（{0}）不能大于输入的{1}（{2}）：否则会绕回不止一圈")                                                             \
  X(SpecCropTooDeep, "padding {0} ({1}) crops all {3} {2} of the input, or more",                                                   \
    "{0}方向的 padding（{1}）裁掉了输入全部 {3} {2}，甚至更多")                                                                     \
  X(SpecKernelTooLarge,                                                                                                             \
    "the kernel ({0} {1}, dilation included) is larger than the padded input ({2} {1})",                                            \
    "卷积核（含膨胀 {0} {1}）比 padding 之后的输入（{2} {1}）还大")                                                                 \
  X(SpecTensorTooLarge,                                                                                                             \
    "{0} would hold {1} values; ConvViz holds at most {2} (256 MiB) per tensor",                                                    \
    "{0}将有 {1} 个值；ConvViz 每个张量最多 {2} 个（256 MiB）")                                                                     \
  X(SpecTooManyTerms, "each output would sum {0} products; ConvViz supports at most {1}",                                           \
    "每个输出要累加 {0} 个乘积；ConvViz 最多支持 {1} 个")                                                                           \
  X(SpecTooManyMultiplications,                                                                                                     \
    "this layer needs {0} multiplications, more than ConvViz's cap of {1}",                                                         \
    "这一层需要 {0} 次乘法，超过 ConvViz 的上限 {1}（约 170 亿次，要算好几秒）：请用更小的输入或" \
    "填充、更少的输出通道、更小的卷积核或更大的步幅")                                                                               \
  X(ShortcutsText,                                                                                                                  \
    "Space  play / pause\n"                                                                                                         \
    "Left / Right  previous / next step\n"                                                                                          \
    "Home / End  first / last step\n"                                                                                               \
    "Ctrl+Z  undo    Ctrl+Shift+Z or Ctrl+Y  redo\n"                                                                                \
    "Ctrl+S  save    Ctrl+O  open    Ctrl+I  open an image\n"                                                                       \
    "Ctrl+=  larger text    Ctrl+-  smaller text\n"                                                                                 \
    "F11  full screen    Tab  show / hide the parameters    P  show / hide the picture\n"                                           \
    "Mouse wheel  zoom the canvas    middle drag  pan\n"                                                                            \
    "Click a cell to type, drag to paint, right-click for fills\n"                                                                  \
    "Picture: drag the region box, wheel to zoom, right drag to pan, click a map to step there",                                    \
    "空格  播放 / 暂停\n"                                                                                                     \
    "左 / 右方向键  上一步 / 下一步\n"                                                                                   \
    "Home / End  第一步 / 最后一步\n"                                                                                        \
    "Ctrl+Z  撤销    Ctrl+Shift+Z 或 Ctrl+Y  重做\n"                                                                           \
    "Ctrl+S  保存    Ctrl+O  打开    Ctrl+I  打开图片\n"                                                                    \
    "Ctrl+=  放大文字    Ctrl+-  缩小文字\n"                                                                                \
    "F11  全屏    Tab  显示 / 隐藏参数面板    P  显示 / 隐藏图片\n"                                                 \
    "鼠标滚轮  缩放画布    中键拖动  平移\n"                                                                          \
    "单击格子输入数值，拖动绘制，右键填充\n"                                                                      \
    "图片：拖动区域方框，滚轮缩放，右键拖动平移，单击特征图跳到该步")

enum class S {
#define CONVVIZ_STRING_ID(id, en, zh) id,
  CONVVIZ_UI_STRINGS(CONVVIZ_STRING_ID)
#undef CONVVIZ_STRING_ID
      Count
};

const char* tr(Language language, S id);
inline const char* tr(const AppState& state, S id) { return tr(state.view.language, id); }

// "Label###stable-id": the visible text follows the language, the ImGui id
// does not, so windows and popups keep their state across a switch.
std::string label(const AppState& state, S id, const char* stable_id);

// `text` with every `key` replaced by `value`: "{n}" in "Step {n} / {total}".
std::string replaced(std::string text, const std::string& key, const std::string& value);

// "Step 3 / 25" (S::StepOfTotal), "Step 3 of 25", "step 3": `step` counts
// from 0, the words from 1 as the window shows them.
std::string step_words(const AppState& state, S id, int64_t step, int64_t total = 0);

// A preset's name and one-line description in the window's language; the
// id (`--preset textbook`) stays as it is.
std::string preset_title(const AppState& state, const Preset& preset);
std::string preset_about(const AppState& state, const Preset& preset);
bool has_preset_strings(const Preset& preset);  // false: a new preset not in the table yet

// "Opened /path": a translated word, then text as it is.
StatusMessage said(S id, const std::string& after = "", bool error = false);

// A broken rule in the window's language: the core's English message, or
// in Chinese the rule's sentence with the values it quotes.
std::string error_text(Language language, const SpecError& error);
inline std::string error_text(const AppState& state, const SpecError& error) {
  return error_text(state.view.language, error);
}
std::string error_texts(Language language, const std::vector<SpecError>& errors);  // "; " between

// The status line's text in the window's language, rendered when drawn so a
// language switch changes a message already shown.
std::string status_text(const AppState& state);
std::string status_text(Language language, const StatusMessage& message);

// Every string of one language, for building the font atlas's glyph ranges.
std::vector<const char*> all_strings(Language language);

}  // namespace convviz::ui
